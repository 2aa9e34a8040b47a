package dev.eddy.runtime.process;

import dev.eddy.function.FunctionRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacking deployment packages into task roots, and removing directories. */
final class PackageDirs {

    /**
     * A package unpacked into {@code taskRoot} (LAMBDA_TASK_ROOT), with its function's layers
     * unpacked into {@code opt} (the directory that stands for {@code /opt}), or null without layers.
     */
    record Unpacked(String codeSha256, String taskRoot, Path opt) implements FunctionRuntime.PreparedCode {
        Unpacked(String codeSha256, String taskRoot) {
            this(codeSha256, taskRoot, null);
        }
    }

    private PackageDirs() {}

    static Path createTemp() {
        try {
            return Files.createTempDirectory("eddy-process-functions-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unpacks {@code zip} into {@code workDir/dirName} unless it is there already (an atomic move,
     * so a crash never leaves half a package). A zip read as a stream carries no Unix modes, so the
     * files a runtime may execute are made executable: {@code bootstrap}, and every file that starts
     * like a script ({@code #!}) or an ELF binary.
     */
    static Path unpack(byte[] zip, Path workDir, String dirName) throws IOException {
        return unpack(List.of(zip), workDir, dirName);
    }

    /**
     * Unpacks {@code zips} one after the other into {@code workDir/dirName} unless it is there
     * already, a later zip's file replacing an earlier one's at the same path (as Lambda extracts a
     * function's layers into {@code /opt}).
     */
    static Path unpack(List<byte[]> zips, Path workDir, String dirName) throws IOException {
        Path dir = workDir.resolve(dirName);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path tmp = Files.createTempDirectory(workDir, dirName + ".tmp");
        try {
            for (byte[] zip : zips) {
                extract(zip, tmp);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    private static void extract(byte[] zip, Path tmp) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path target = tmp.resolve(e.getName()).normalize();
                if (!target.startsWith(tmp)) {
                    throw new IOException("entry outside the package: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (executable(target)) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static boolean executable(Path file) throws IOException {
        if (file.getFileName().toString().equals("bootstrap")) {
            return true;
        }
        byte[] head = new byte[4];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        boolean script = n >= 2 && head[0] == '#' && head[1] == '!';
        boolean elf = n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        return script || elf;
    }

    /** Deletes {@code root} and everything below it; what cannot be deleted stays (temporary files). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // temporary files; the OS cleans up what is left
        }
    }
}
