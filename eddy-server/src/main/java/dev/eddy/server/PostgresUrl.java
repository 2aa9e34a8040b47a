package dev.eddy.server;

import dev.eddy.store.postgres.PostgresConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the {@code --store} value of a PostgreSQL store: {@code postgresql://user:password@host:port/db}
 * (or {@code postgres://}, as libpq writes it; query parameters pass to the driver), or the bare word
 * {@code postgresql}, which takes libpq's environment variables {@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}, {@code PGPASSWORD} and {@code PGDATABASE} (defaults: localhost, 5432, the
 * operating system user, no password, the user's name). Values in the URL override the variables.
 */
final class PostgresUrl {
    private PostgresUrl() {}

    /** True when {@code store} names a PostgreSQL store. */
    static boolean isPostgres(String store) {
        return store.equals("postgresql")
                || store.equals("postgres")
                || store.startsWith("postgresql://")
                || store.startsWith("postgres://");
    }

    /**
     * The configuration {@code store} describes.
     *
     * @throws IllegalArgumentException when the URL cannot be read
     */
    static PostgresConfig parse(String store, Map<String, String> env, int poolSize) {
        String host = env.getOrDefault("PGHOST", "localhost");
        String port = env.getOrDefault("PGPORT", "5432");
        String user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        String password = env.get("PGPASSWORD");
        String database = env.get("PGDATABASE");
        String query = null;
        if (store.contains("://")) {
            URI uri;
            try {
                uri = new URI(store);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid PostgreSQL URL: " + e.getReason());
            }
            if (uri.getHost() != null) {
                host = uri.getHost();
            }
            if (uri.getPort() > 0) {
                port = String.valueOf(uri.getPort());
            }
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : password;
            }
            String path = uri.getRawPath();
            if (path != null && path.length() > 1) {
                database = decode(path.substring(1));
            }
            query = uri.getRawQuery();
        }
        if (database == null) {
            database = user;
        }
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
        return PostgresConfig.of(jdbc, user, password).withPoolSize(poolSize);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
