import { ApiError } from '../errors/api-error';
import { fieldInvalid } from './api-refusals';
import { mediaType, type EmulatorRequest } from '../http/request';
import { MultipartError } from '../errors/multipart-error';
import { parseMultipart, type MultipartPart } from './multipart';
import { Params } from './params';

/** The parameters of a call and the files of a `multipart/form-data` body (empty for any other body). */
export interface CallInput {
  params: Params;
  files: MultipartPart[];
}

/**
 * Reads a call's parameters: the query string (first value of a repeated name wins), then a JSON body (its
 * values replace the query's), or the fields of a `multipart/form-data` body, which is how `upload_files`
 * arrives. Worksection answers any other body, a form body included, "invalid JSON".
 */
export function readCallInput(req: EmulatorRequest): CallInput {
  const values = new Map<string, unknown>();
  for (const [key, value] of req.query) if (!values.has(key)) values.set(key, value);
  if (req.body.length === 0) return { params: new Params(values), files: [] };
  if (mediaType(req) === 'multipart/form-data') return readMultipart(req, values);
  let body: unknown;
  try {
    body = mediaType(req) === 'application/x-www-form-urlencoded' ? undefined : JSON.parse(req.body.toString('utf8'));
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'invalid JSON', 'The request body must be a JSON object');
  // JSON.parse makes `__proto__` an own property, and Object.entries reads own properties only: no pollution.
  for (const [key, value] of Object.entries(body)) values.set(key, value);
  return { params: new Params(values), files: [] };
}

function readMultipart(req: EmulatorRequest, values: Map<string, unknown>): CallInput {
  let parts: MultipartPart[];
  try {
    parts = parseMultipart(req.body, req.headers['content-type'] ?? '');
  } catch (err) {
    if (err instanceof MultipartError) throw fieldInvalid('files', `multipart/form-data body: ${err.message}`);
    throw err;
  }
  const files: MultipartPart[] = [];
  for (const part of parts) {
    if (part.filename !== undefined) files.push(part);
    else if (!values.has(part.name)) values.set(part.name, part.data.toString('utf8'));
  }
  return { params: new Params(values), files };
}
