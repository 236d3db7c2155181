import type { Readable } from 'node:stream';
import type { WorksectionUserRef } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asList } from './shape';
import type { WorksectionId } from './values';

/** A file of a project or a task (`get_files`). */
export interface WorksectionFile {
  id: WorksectionId;
  name: string;
  /** Size in bytes. */
  size?: number | string;
  /** Download path under the account, e.g. `/download/123456`. */
  page?: string;
  date_added?: string;
  user_from?: WorksectionUserRef | null;
  [field: string]: unknown;
}

/** Parameters of `get_files`: exactly one of `id_project` and `id_task`. */
export type GetFilesParams = { id_project: WorksectionId; id_task?: never } | { id_task: WorksectionId; id_project?: never };

/** Parameters of `download`. */
export interface DownloadParams {
  id_file: WorksectionId;
}

/**
 * A file being downloaded. `stream` is a Node.js `Readable` of its bytes as they arrive (nothing is buffered whole,
 * there is no size cap): pipe it somewhere, or `stream.destroy()` it to stop and close the connection (a stream nobody
 * reads keeps its connection open). It errors with a {@link WorksectionTimeoutError} when, while you read, no byte
 * arrives for the client's `timeout`; with a {@link WorksectionNetworkError} when the connection breaks; and with the
 * call's `signal` reason when that is aborted. As with Node's own HTTP bodies, an error nobody listens for closes
 * the stream without crashing the process.
 */
export interface WorksectionDownload {
  /**
   * The file's name from Worksection's `Content-Disposition`, without any directory part or control characters. Still
   * a name chosen by whoever uploaded the file: check it before using it as a path.
   */
  fileName: string;
  /** Its `Content-Type`, e.g. `application/pdf` (`application/octet-stream` when Worksection sent none). */
  contentType: string;
  /** Its size in bytes, when Worksection said (`Content-Length`). */
  size?: number;
  stream: Readable;
}

/** A file to upload: its name and its bytes (a string is sent as UTF-8). */
export interface UploadFile {
  name: string;
  content: Uint8Array | string;
  /** Its media type; default `application/octet-stream`. */
  type?: string;
}

/** Parameters of `upload_files`: sent as `multipart/form-data`, one `files[]` part per file. */
export interface UploadFilesParams {
  files: readonly UploadFile[];
}

/** What `upload_files` answers per file: pass these to `post_task` or `post_comment` in `files`. */
export interface WorksectionUploadedFile {
  /** The upload's id (a token, not a file id). */
  id: string;
  name: string;
  ext?: string;
  icon?: string | null;
  /** Why this file was refused, when it was. */
  error?: string | null;
  [field: string]: unknown;
}

/** The Files actions. */
export interface FileActions {
  get_files: { params: GetFilesParams; result: WorksectionFile[] };
  download: { params: DownloadParams; result: WorksectionDownload };
  upload_files: { params: UploadFilesParams; result: WorksectionUploadedFile[] };
}

/** Files of projects and tasks: `client.files`. */
export class FilesApi {
  /** @internal */
  constructor(private readonly client: ActionCaller<FileActions>) {}

  /** The files of one project or one task (`get_files`; `files_read`). */
  async list(params: GetFilesParams, options?: CallOptions): Promise<WorksectionList<WorksectionFile>> {
    return asList('get_files', await this.client.call('get_files', params, options));
  }

  /**
   * Downloads a file (`download`; `files_read`): resolves once Worksection has answered with the file, its bytes
   * still to come in `stream`. A refusal (no such file: status_code 4) rejects with a {@link WorksectionApiError}.
   */
  download(idFile: WorksectionId, options?: CallOptions): Promise<WorksectionDownload> {
    return this.client.call('download', { id_file: idFile }, options);
  }

  /**
   * Uploads files (`upload_files`; `files_write`, inferred) as `multipart/form-data`, and resolves to their
   * descriptors, to pass to `tasks.create()` or `comments.post()` in `files`.
   */
  async upload(files: readonly UploadFile[], options?: CallOptions): Promise<WorksectionList<WorksectionUploadedFile>> {
    return asList('upload_files', await this.client.call('upload_files', { files }, options));
  }
}
