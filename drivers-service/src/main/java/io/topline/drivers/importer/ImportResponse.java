package io.topline.drivers.importer;

import java.util.List;

/**
 * What an import did, as {@code driver:<key>} and {@code measure:<key>} names: created, updated (targets added
 * count as an update) or left unchanged. Importing the same file twice reports everything unchanged.
 */
public record ImportResponse(List<String> created, List<String> updated, List<String> unchanged, int targetsAdded) {
}
