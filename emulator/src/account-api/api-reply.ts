import { ApiError } from '../errors/api-error';
import { jsonReply, type Reply } from '../http/reply';
import { FileAnswer, LaterAnswer, type ActionResult } from './actions/action';

/**
 * The reply to an action's answer, on either API: the JSON envelope, the bytes of `download`, or, for an action that
 * answers later (`add_webhook` probes the hook's URL first), the envelope or the refusal once it is known.
 */
export function actionReply(answer: ActionResult): Reply | Promise<Reply> {
  if (answer instanceof LaterAnswer) {
    return answer.answer.then(jsonReply, (err: unknown) => {
      if (err instanceof ApiError) return apiErrorReply(err);
      throw err;
    });
  }
  return answer instanceof FileAnswer ? fileReply(answer) : jsonReply(answer);
}

/** The account API's error envelope: `{"status":"error","status_code","message","message_details"}`. */
export function apiErrorReply(err: ApiError): Reply {
  // Live sends message_details with some messages only ("Field is required", "Invalid email"…; collection examples).
  const body = { status: 'error', status_code: err.statusCode, message: err.message };
  return jsonReply(err.details === undefined ? body : { ...body, message_details: err.details }, err.httpStatus);
}

/** `download`'s answer: the bytes, their type, and a Content-Disposition with the UTF-8 file name (RFC 6266). */
function fileReply({ file }: FileAnswer): Reply {
  const bytes = Buffer.from(file.base64, 'base64');
  // An ASCII fallback name for clients that do not read filename*; quotes and backslashes cannot be escaped reliably.
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    status: 200,
    headers: {
      // Live sends every file as application/x-download, whatever its kind (collection: download / success).
      'Content-Type': 'application/x-download',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(file.name)}`,
      'Cache-Control': 'no-store, no-cache, must-revalidate',
      'X-Content-Type-Options': 'nosniff',
    },
    body: '',
    bytes,
  };
}

function encodeRfc8187(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
