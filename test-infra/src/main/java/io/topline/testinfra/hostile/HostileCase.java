package io.topline.testinfra.hostile;

/**
 * One generated request: what it attacks ({@code label}, enough to reproduce it by hand), its bytes, and whether it
 * is a well-formed HTTP message (then any refusal must be a problem response) or breaks HTTP itself (then the
 * server's codec answers, and all that is asked is a 4xx).
 */
public record HostileCase(String label, byte[] head, byte[] body, boolean wellFormedHttp) {
}
