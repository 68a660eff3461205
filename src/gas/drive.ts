/**
 * Drive with the narrowest scope that works: `drive.file` through the Advanced Drive service (v3). That
 * scope reaches only files this script created, so the tracker keeps everything it makes in a folder it
 * created itself, recorded in document properties (FOLDER_PROPERTY):
 *
 * - createReportDocument(name, folder): the report Doc is created inside the folder by Drive.Files.create
 *   (never DocumentApp.create + a move: DriveApp's moveTo needs the full `drive` scope), then opened with
 *   DocumentApp.openById for writing;
 * - trashFile(id): a half-made report goes to the trash (files.update trashed: true);
 * - savePdfCopy(docId): a PDF of a Doc the script created, saved next to it (same folder), returned with
 *   its link. The Doc must have been saved (Document.saveAndClose) first: getAs converts what is saved.
 *
 * A folder a person typed into Settings → Report folder is used when the tracker can reach it (one it
 * created, e.g. before the spreadsheet was copied); any other folder is out of drive.file's reach, and the
 * report goes to the tracker's own folder with a note saying why (see ReportFolder.refused).
 */
import { folderIdFrom } from '../core/report';
import { documentProperties } from './run';

/** Document property: the id of the folder the tracker created for its reports. */
export const FOLDER_PROPERTY = 'drive.reportFolder';
const FOLDER_MIME = 'application/vnd.google-apps.folder';
const DOCUMENT_MIME = 'application/vnd.google-apps.document';
const PDF_MIME = 'application/pdf';

/** The fields of a Drive API v3 file the tracker reads. */
interface DriveFile {
  id?: string;
  name?: string;
  mimeType?: string;
  parents?: string[];
  trashed?: boolean;
  webViewLink?: string;
}

/** The slice of the Advanced Drive service (Drive.Files, v3) the tracker calls; its generated typings are looser. */
interface DriveFiles {
  create(resource: DriveFile, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs?: Record<string, unknown>): DriveFile;
  get(fileId: string, optionalArgs?: Record<string, unknown>): DriveFile;
  update(resource: DriveFile, fileId: string, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs?: Record<string, unknown>): DriveFile;
}

function driveFiles(): DriveFiles {
  // `Drive` exists only when appsscript.json enables the Advanced Drive service.
  if (typeof Drive === 'undefined' || !Drive) {
    throw new Error('The Advanced Drive service is not enabled for this script (appsscript.json → enabledAdvancedServices). / 此脚本未启用高级云端硬盘服务。');
  }
  return (Drive as unknown as { Files: DriveFiles }).Files;
}

function folderUrl(id: string): string {
  return `https://drive.google.com/drive/folders/${id}`;
}

export interface ReportFolder {
  readonly id: string;
  readonly url: string;
  readonly name: string;
  /** True when this call created the tracker's folder. */
  readonly created: boolean;
  /** The Settings folder could not be used: the API's reason. */
  readonly refused: string | null;
}

/** A folder the script can reach (created by it, not trashed), or the reason it cannot be used. */
function reachableFolder(id: string): DriveFile | string {
  try {
    const file = driveFiles().get(id, { fields: 'id,name,mimeType,trashed', supportsAllDrives: true });
    if (file.mimeType !== FOLDER_MIME) return `not a folder (${file.mimeType ?? '?'})`;
    if (file.trashed) return 'in the trash';
    return file;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The folder reports go to: the Settings folder when the script can reach it, else the tracker's own
 * folder (created, named `defaultName`, and recorded the first time).
 */
export function reportFolder(setting: string, defaultName: string): ReportFolder {
  const props = documentProperties();
  const recorded = props.getProperty(FOLDER_PROPERTY);
  const wanted = folderIdFrom(setting);
  let refused: string | null = null;
  if (wanted !== null && wanted !== recorded) {
    const found = reachableFolder(wanted);
    if (typeof found !== 'string') return { id: wanted, url: folderUrl(wanted), name: found.name ?? '', created: false, refused: null };
    refused = found;
  }
  if (recorded !== null) {
    const found = reachableFolder(recorded);
    if (typeof found !== 'string') return { id: recorded, url: folderUrl(recorded), name: found.name ?? '', created: false, refused };
  }
  const folder = driveFiles().create({ name: defaultName, mimeType: FOLDER_MIME });
  const id = String(folder.id);
  props.setProperty(FOLDER_PROPERTY, id);
  return { id, url: folderUrl(id), name: defaultName, created: true, refused };
}

/** A new, empty Google Doc inside `folderId`, opened for writing. */
export function createReportDocument(name: string, folderId: string): GoogleAppsScript.Document.Document {
  const file = driveFiles().create({ name, mimeType: DOCUMENT_MIME, parents: [folderId] });
  return DocumentApp.openById(String(file.id));
}

/** Moves a file the script created to the trash. */
export function trashFile(fileId: string): void {
  driveFiles().update({ trashed: true }, fileId);
}

export interface SavedPdf {
  readonly id: string;
  readonly name: string;
  readonly url: string;
}

/**
 * Saves a PDF copy of a Doc the script created (after Document.saveAndClose) in the Doc's own folder,
 * named like the Doc with `.pdf`. Needs `documents` (Document.getAs) and `drive.file` (the file).
 */
export function savePdfCopy(docId: string, name?: string): SavedPdf {
  const files = driveFiles();
  const source = files.get(docId, { fields: 'id,name,parents', supportsAllDrives: true });
  const pdfName = `${name ?? source.name ?? 'Report'}.pdf`;
  const blob = DocumentApp.openById(docId).getAs(PDF_MIME).setName(pdfName);
  const parents = source.parents && source.parents.length > 0 ? [source.parents[0]!] : undefined;
  const created = files.create({ name: pdfName, mimeType: PDF_MIME, ...(parents ? { parents } : {}) }, blob);
  const id = String(created.id);
  return { id, name: pdfName, url: created.webViewLink ?? `https://drive.google.com/file/d/${id}/view` };
}
