package io.topline.cli.ingest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV file with a header line, each with its line number (the header is line 1, so the first row is
 * line 2; a quoted field spanning lines is counted as one line).
 */
public record CsvRows(List<String> header, List<Row> rows) {

    /** One row by column name. */
    public record Row(long line, Map<String, String> values) {
    }

    public static CsvRows read(Reader csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> iterator = mapper.readerForMapOf(String.class).with(schema).readValues(csv)) {
            long line = 1;
            while (iterator.hasNextValue()) {
                rows.add(new Row(++line, new LinkedHashMap<>(iterator.nextValue())));
            }
            CsvSchema read = (CsvSchema) iterator.getParserSchema();
            List<String> header = new ArrayList<>();
            read.forEach(column -> header.add(column.getName()));
            return new CsvRows(header, rows);
        }
    }
}
