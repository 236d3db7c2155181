import { fieldInvalid } from '../api-refusals';
import type { FileRecord } from '../store/records';
import type { ActionContext } from './action';

/** Largest file `upload_files` and the `attach[n]` parts keep (the request itself is bounded by the HTTP layer). */
export const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;

// "each file transferred as a separate parameter named attach (n), where n is any seed value" (Worksection's FAQ,
// https://worksection.com/en/faq/api-files.html): `attach[0]`, `attach[1]`… in its PHP example.
const ATTACH_PART = /^attach\[[^\]]{0,64}\]$/;

/** Whether a `post_project` / `post_task` / `post_comment` came with `attach[n]` file parts. */
export function hasAttachParts(c: ActionContext): boolean {
  return c.files.some((part) => ATTACH_PART.test(part.name));
}

/**
 * The `attach[n]` file parts of a multipart `post_project`, `post_task` or `post_comment`, stored as that project's,
 * task's or comment's files (as `upload_files` stores its parts, but attached at once). Returns their ids.
 */
export function storeAttachParts(c: ActionContext, target: { projectId: string; taskId?: string; commentId?: string }): string[] {
  const parts = c.files.filter((part) => ATTACH_PART.test(part.name));
  const tooBig = parts.find((part) => part.data.length > MAX_UPLOAD_FILE_BYTES);
  if (tooBig) throw fieldInvalid('attach', `${tooBig.filename ?? ''} is larger than ${String(MAX_UPLOAD_FILE_BYTES)} bytes`);
  const files: FileRecord[] = parts.map((part) => ({
    id: c.store.newId(),
    name: part.filename ?? 'file',
    contentType: part.contentType.split(';')[0]?.trim() ?? 'application/octet-stream',
    base64: part.data.toString('base64'),
    size: part.data.length,
    userId: c.me.id,
    added: c.now,
    taskId: target.taskId ?? '',
    commentId: target.commentId ?? '',
    projectId: target.projectId,
    attached: true,
  }));
  c.store.state.files.push(...files);
  return files.map((f) => f.id);
}
