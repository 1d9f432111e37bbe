/** One error of a record or a job, parsed from `sf__Error` or a job's `errorMessage`. */
export interface BulkError {
  /** Salesforce status code, e.g. `REQUIRED_FIELD_MISSING`, or `InvalidBatch` for a job error. */
  readonly statusCode: string;
  /** The message Salesforce gave, e.g. `Required fields are missing: [Name]`. */
  readonly message: string;
  /** API names of the fields the error names (may be empty). */
  readonly fields: readonly string[];
}
