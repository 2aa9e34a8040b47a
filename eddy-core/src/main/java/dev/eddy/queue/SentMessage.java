package dev.eddy.queue;

/** What a send returns: the new message's id. */
public record SentMessage(String messageId) {}
