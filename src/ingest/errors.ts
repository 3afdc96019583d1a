/** Why a text could not be read as an annual report. The message says what, where and why. */
export type ParseErrorCode =
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'NO_REPORT_FOUND'
  | 'PRE_2019_FORMAT'
  | 'UNDECODABLE'
  | 'NO_YEAR'
  | 'NO_TEXT_LAYER'
  | 'ENCRYPTED'
  | 'DAMAGED_DOCUMENT'
  | 'TOO_MANY_PAGES'
  | 'UNSUPPORTED_FORMAT'
  | 'TOO_LARGE'
  | 'TOO_DEEP';

export class ReportParseError extends Error {
  readonly code: ParseErrorCode | string;
  constructor(code: ParseErrorCode | string, message: string) {
    super(message);
    this.name = 'ReportParseError';
    this.code = code;
  }
}
