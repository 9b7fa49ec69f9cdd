/**
 * Errors that cross the API boundary. Every failure reaches the user as a sentence; the code lets
 * the UI and scripts react without parsing text. Anything that is not an ApiError becomes
 * `internal` with a generic sentence, so stack traces never reach the user.
 */

export type ApiErrorCode =
  | 'invalid_input' // the request did not match the call's schema
  | 'user_error' // the request was well-formed but cannot be done (bad file, missing item)
  | 'not_found'
  | 'conflict'
  | 'cancelled'
  | 'unknown_call'
  | 'unauthorized'
  | 'internal'

export interface SerializedApiError {
  code: ApiErrorCode
  message: string
  /** Where the problem is, when known: "train.txt:12", "spans[3].end". */
  where?: string
}

export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly where: string | undefined

  constructor(code: ApiErrorCode, message: string, where?: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.where = where
  }

  toJSON(): SerializedApiError {
    return this.where === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, where: this.where }
  }

  static fromJSON(e: SerializedApiError): ApiError {
    return new ApiError(e.code, e.message, e.where)
  }
}

/** A failure the user can fix: bad input file, missing project, refused operation. */
export class UserError extends ApiError {
  constructor(message: string, where?: string) {
    super('user_error', message, where)
    this.name = 'UserError'
  }
}

export class NotFoundError extends ApiError {
  constructor(message: string) {
    super('not_found', message)
    this.name = 'NotFoundError'
  }
}

export function isSerializedApiError(x: unknown): x is SerializedApiError {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as SerializedApiError).code === 'string' &&
    typeof (x as SerializedApiError).message === 'string'
  )
}

/** Turns any thrown value into a serializable error with a user-facing sentence. */
export function toSerializedError(err: unknown): SerializedApiError {
  if (err instanceof ApiError) return err.toJSON()
  return {
    code: 'internal',
    message: 'Something went wrong inside NER Studio; the details are in the log.',
  }
}
