/**
 * Default bounds of one field and one row of a CSV answer. Salesforce allows 131,072
 * characters per field and 400,000 per record; the defaults leave room for both (8x and 10x)
 * while keeping a hostile endless field or line from growing a string without end.
 */
export const DEFAULT_MAX_FIELD_CHARS = 1_048_576;
export const DEFAULT_MAX_ROW_CHARS = 4_194_304;
