package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Lambda's checks of a directly uploaded deployment package. */
public final class ZipPackages {
    /** Lambda's limit for a zip uploaded in the request. */
    public static final long MAX_ZIPPED = 52_428_800;
    /** Lambda's limit for the unpacked package. */
    public static final long MAX_UNZIPPED = 262_144_000;

    private ZipPackages() {}

    /** Checks size, that it is a zip with at least one entry, and the unpacked size. */
    public static void check(byte[] zip) {
        if (zip.length > MAX_ZIPPED) {
            throw new EddyException(
                    ErrorCode.LAMBDA_REQUEST_ENTITY_TOO_LARGE,
                    "Zipped size must be smaller than " + MAX_ZIPPED + " bytes");
        }
        long unzipped = 0;
        int entries = 0;
        byte[] buf = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries++;
                unzipped += drain(in, buf);
                if (unzipped >= MAX_UNZIPPED) {
                    throw new EddyException(
                            ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                            "Unzipped size must be smaller than " + MAX_UNZIPPED + " bytes");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            entries = 0;
        }
        if (entries == 0) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }

    private static long drain(InputStream in, byte[] buf) throws IOException {
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
        }
        return n;
    }
}
