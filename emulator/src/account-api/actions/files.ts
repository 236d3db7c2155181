import { fieldInvalid, fieldRequired, fileNotFound } from '../api-refusals';
import type { FileRecord } from '../store/records';
import { fileView } from '../views';
import { FileAnswer, okData, type ActionHandler } from './action';
import { storeFileParts } from './file-parts';
import { requireProject, requireTask } from './lookups';

const getFiles: ActionHandler = (c) => {
  const byProject = c.p.text('id_project') !== undefined;
  const byTask = c.p.text('id_task') !== undefined;
  if (!byProject && !byTask) throw fieldRequired('id_project / id_task');
  if (byProject && byTask) throw fieldInvalid('id_task', 'send id_project or id_task, not both');
  const project = byTask ? undefined : requireProject(c);
  const taskIds = new Set(byTask ? [requireTask(c).id] : c.store.state.tasks.filter((t) => t.projectId === project?.id).map((t) => t.id));
  // The FAQ: "project files include attached to project description"; task files, the description's and comments'.
  const listed = (f: FileRecord): boolean =>
    f.attached && (taskIds.has(f.taskId) || (project !== undefined && f.taskId === '' && f.projectId === project.id));
  return okData(c.store.state.files.filter(listed).map((f) => fileView(c, f)));
};

const download: ActionHandler = (c) => {
  const id = c.p.required('id_file');
  const file = c.store.state.files.find((f) => f.id === id.trim() && f.attached);
  if (!file) throw fileNotFound();
  return new FileAnswer(file);
};

const uploadFiles: ActionHandler = (c) => {
  const parts = c.files.filter((part) => part.name === 'files[]' || part.name === 'files');
  if (parts.length === 0) throw fieldRequired('files[]');
  const files = storeFileParts(c, parts, 'files[]', { taskId: '', commentId: '', attached: false });
  return okData(files.map((f) => ({ id: f.id, ext: /\.([^.]{1,16})$/.exec(f.name)?.[1]?.toLowerCase() ?? '', name: f.name })));
};

/** The file actions. */
export const FILE_ACTIONS = {
  get_files: getFiles,
  download,
  upload_files: uploadFiles,
} satisfies Record<string, ActionHandler>;
