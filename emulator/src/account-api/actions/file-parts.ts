import { fieldInvalid } from '../api-refusals';
import type { MultipartPart } from '../multipart';
import type { FileRecord } from '../store/records';
import type { ActionContext } from './action';

/** Largest file `upload_files` and the `attach[n]` parts keep (the request itself is bounded by the HTTP layer). */
export const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;

/** Where stored file parts belong: a task, a comment, a project, or nowhere yet (`upload_files`, until attached). */
type Place = Pick<FileRecord, 'taskId' | 'commentId' | 'attached'> & Partial<Pick<FileRecord, 'projectId'>>;

/**
 * Stores the file parts of a multipart call as the account's files, refusing the call (10, naming `field`) when
 * one is over {@link MAX_UPLOAD_FILE_BYTES}. Returns the records, in the order of the parts.
 */
export function storeFileParts(c: ActionContext, parts: readonly MultipartPart[], field: string, place: Place): FileRecord[] {
  const tooBig = parts.find((part) => part.data.length > MAX_UPLOAD_FILE_BYTES);
  if (tooBig) throw fieldInvalid(field, `${tooBig.filename ?? ''} is larger than ${String(MAX_UPLOAD_FILE_BYTES)} bytes`);
  const files: FileRecord[] = parts.map((part) => ({
    id: c.store.newId(),
    name: part.filename ?? 'file',
    contentType: part.contentType.split(';')[0]?.trim() ?? 'application/octet-stream',
    base64: part.data.toString('base64'),
    size: part.data.length,
    userId: c.me.id,
    added: c.now,
    ...place,
  }));
  c.store.state.files.push(...files);
  return files;
}
