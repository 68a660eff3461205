/**
 * The Advanced Drive service (Drive API v3, `Drive.Files`), the slice the tracker calls, with the reach of
 * the `drive.file` scope: only files and folders this script created can be read or changed; any other id
 * answers as the API does for a file the app may not see ("File not found"), so a test proves the tracker
 * never depends on a file outside its scope. Errors are worded as Apps Script reports an API error.
 * Reference: https://developers.google.com/apps-script/advanced/drive and the drive.file scope in
 * https://developers.google.com/workspace/drive/api/guides/api-specific-auth.
 */
import { DriveStore, type DriveItem, type EmuDocument } from './documents';
import type { Runtime } from './runtime';
import type { EmuBlob } from './services';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOCUMENT_MIME = 'application/vnd.google-apps.document';

export interface DriveApiFile {
  id?: string;
  name?: string;
  mimeType?: string;
  parents?: string[];
  trashed?: boolean;
  webViewLink?: string;
}

export function driveApiError(method: string, message: string): Error {
  return new Error(`GoogleJsonResponseException: API call to drive.files.${method} failed with error: ${message}`);
}

/** The fields of a file the API returns (all of the modelled ones; `fields` narrows nothing here). */
function resource(item: DriveItem): DriveApiFile {
  return { id: item.id, name: item.name, mimeType: item.mimeType, parents: [...item.parents], trashed: item.trashed, webViewLink: item.url };
}

export class EmuDriveFiles {
  constructor(
    private readonly rt: Runtime,
    private readonly store: DriveStore,
    /** Makes the Google Doc behind a new document file, so DocumentApp.openById finds it. */
    private readonly newDocument: (item: DriveItem) => EmuDocument,
    /** Whether the effective user granted a scope reaching every file (drive); else only drive.file's reach. */
    private readonly fullDrive: () => boolean,
  ) {}

  private reachable(method: string, id: string): DriveItem {
    const item = this.store.items.get(String(id));
    if (!item || (!item.byScript && !this.fullDrive())) throw driveApiError(method, `File not found: ${id}.`);
    return item;
  }

  create(file: DriveApiFile, media?: EmuBlob | null, _options?: Record<string, unknown>): DriveApiFile {
    this.rt.hit('Drive.Files.create');
    const name = String(file.name ?? 'Untitled');
    const parents = file.parents ?? [this.store.rootId];
    if (parents.length > 1) throw driveApiError('create', 'A shared drive item must have exactly one parent.');
    const parent = parents[0] ?? this.store.rootId;
    if (parent !== this.store.rootId) {
      const folder = this.reachable('create', parent);
      if (!folder.isFolder) throw driveApiError('create', `The specified parent is not a folder.`);
    }
    const mimeType = String(file.mimeType ?? media?.contentType ?? 'application/octet-stream');
    let item: DriveItem;
    if (mimeType === FOLDER_MIME) {
      item = this.store.addFolder(name, parent);
    } else {
      const id = this.rt.newId(mimeType === DOCUMENT_MIME ? 'doc' : 'file');
      const url = mimeType === DOCUMENT_MIME ? `https://docs.google.com/document/d/${id}/edit` : `https://drive.google.com/file/d/${id}/view`;
      item = this.store.addFile(id, name, mimeType, url, true, parent);
      if (media) item.data = Buffer.from(media.data);
      if (mimeType === DOCUMENT_MIME) this.newDocument(item);
    }
    return resource(item);
  }

  get(fileId: string, _options?: Record<string, unknown>): DriveApiFile {
    this.rt.hit('Drive.Files.get');
    return resource(this.reachable('get', fileId));
  }

  /** Metadata updates: name, trashed, and moves with optionalArgs { addParents, removeParents }. */
  update(file: DriveApiFile, fileId: string, _media?: EmuBlob | null, options: Record<string, unknown> = {}): DriveApiFile {
    this.rt.hit('Drive.Files.update');
    const item = this.reachable('update', fileId);
    if (file.parents !== undefined) throw driveApiError('update', 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.');
    if (file.name !== undefined) item.name = String(file.name);
    if (file.trashed !== undefined) item.trashed = Boolean(file.trashed);
    const add = typeof options.addParents === 'string' ? options.addParents.split(',').filter(Boolean) : [];
    const remove = typeof options.removeParents === 'string' ? options.removeParents.split(',').filter(Boolean) : [];
    for (const id of add) if (!this.reachable('update', id).isFolder) throw driveApiError('update', 'The specified parent is not a folder.');
    item.parents = [...item.parents.filter((p) => !remove.includes(p)), ...add.filter((p) => !item.parents.includes(p))];
    return resource(item);
  }
}

/** The `Drive` global of an Apps Script project that enables the Advanced Drive service (v3). */
export class EmuDriveAdvanced {
  readonly Files: EmuDriveFiles;
  constructor(files: EmuDriveFiles) {
    this.Files = files;
  }
}
