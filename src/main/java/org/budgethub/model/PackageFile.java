package org.budgethub.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One rendered file of a package, with its SHA-256 as the manifest lists it. */
public record PackageFile(String name, byte[] content) {

    public long size() {
        return content.length;
    }

    public String sha256() {
        return sha256(content);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
