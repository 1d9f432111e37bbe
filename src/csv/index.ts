export {
  COLUMN_DELIMITERS,
  LINE_ENDINGS,
  resolveDelimiter,
  resolveLineEnding,
  type CsvFormatOptions,
} from './delimiters.js';
export { formatValue, quoteCsvValue, NULL_VALUE } from './format-value.js';
export { unstorableText } from './storable-text.js';
export { flattenRecord, isRelationship, type InputRecord } from './flatten-record.js';
export { recordsToCsv, type CsvWriteOptions } from './records-to-csv.js';
export { CsvJobWriter, type CsvJobWriterOptions, type CsvJobBody } from './csv-job-writer.js';
export { parseSfError, parseJobErrorMessage } from './sf-error.js';
export { CsvPushParser, type CsvRow, type CsvParseOptions } from './csv-push-parser.js';
export { parseCsv, type ParsedCsv } from './parse-csv.js';
export { parseCsvStream, type CsvChunks } from './csv-stream-parser.js';
export { toSuccessRecord, toFailedRecord, toUnprocessedRecord, type ResultRow } from './result-rows.js';
export { RawCsvSplitter, splitCsvRecords, type RawCsvChunks } from './split-raw-csv.js';
export { detectCsvDialect, headerLine, type CsvDialect, type DialectDetection } from './detect-csv-dialect.js';
export { CsvChecker, type CsvCheck, type CsvProblem } from './csv-checker.js';
export { Utf8Validator, type Utf8Problem } from './utf8-validator.js';
