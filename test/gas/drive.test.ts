import { FOLDER_PROPERTY, createReportDocument, reportFolder, savePdfCopy, trashFile } from '../../src/gas/drive';
import { Emulator } from '../../src/node/emulator';

/** The adapter against the emulator's services as globals (the Advanced Drive service with drive.file's reach). */
function drive(): Emulator {
  const emulator = new Emulator({ now: new Date('2023-09-30T10:00:00+08:00') });
  Object.assign(globalThis as Record<string, unknown>, emulator.services);
  return emulator;
}

describe('the report folder under drive.file', () => {
  it('is created once, recorded in document properties, and reused', () => {
    const emulator = drive();
    const first = reportFolder('', 'Market expansion reports');
    expect(first).toMatchObject({ name: 'Market expansion reports', created: true, refused: null });
    expect(emulator.properties.document.get(FOLDER_PROPERTY)).toBe(first.id);
    expect(emulator.drive.items.get(first.id)).toMatchObject({ isFolder: true, byScript: true, parents: [emulator.drive.rootId] });
    const again = reportFolder(first.url, 'Market expansion reports');
    expect(again).toMatchObject({ id: first.id, created: false, refused: null });
  });

  it('refuses a folder the tracker did not create (outside drive.file) and says why, using its own folder', () => {
    const emulator = drive();
    const theirs = emulator.drive.addFolder('Team reports', undefined, false);
    const folder = reportFolder(`https://drive.google.com/drive/folders/${theirs.id}?usp=sharing`, 'Reports');
    expect(folder.id).not.toBe(theirs.id);
    expect(folder.refused).toBe(`GoogleJsonResponseException: API call to drive.files.get failed with error: File not found: ${theirs.id}.`);
    expect(folder.created).toBe(true);
  });

  it('makes a new folder when its own was trashed', () => {
    const emulator = drive();
    const first = reportFolder('', 'Reports');
    emulator.drive.items.get(first.id)!.trashed = true;
    const second = reportFolder('', 'Reports');
    expect(second.id).not.toBe(first.id);
    expect(second.created).toBe(true);
  });
});

describe('report documents and their PDF copy', () => {
  it('creates the Doc inside the folder, and the PDF copy next to it', () => {
    const emulator = drive();
    const folder = reportFolder('', 'Reports');
    const doc = createReportDocument('2023 Q3 East China — report', folder.id);
    doc.getBody().appendParagraph('New customers 45 of 50 (90%)');
    doc.saveAndClose();
    expect(emulator.documents[0]!.folderId).toBe(folder.id);

    const pdf = savePdfCopy(doc.getId());
    const file = emulator.drive.items.get(pdf.id)!;
    expect(pdf).toEqual({ id: file.id, name: '2023 Q3 East China — report.pdf', url: `https://drive.google.com/file/d/${file.id}/view` });
    expect(file).toMatchObject({ mimeType: 'application/pdf', parents: [folder.id], byScript: true });
    const text = file.data!.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain('(New customers 45 of 50 \\(90%\\))');
  });

  it('names the copy as asked, and cannot copy a Doc the script did not create', () => {
    const emulator = drive();
    const folder = reportFolder('', 'Reports');
    const doc = createReportDocument('Report', folder.id);
    doc.saveAndClose();
    expect(savePdfCopy(doc.getId(), 'Report v2').name).toBe('Report v2.pdf');
    const foreign = emulator.drive.addFile('1someoneElsesDoc00000000000000000000000000000', 'Theirs', 'application/vnd.google-apps.document', 'https://docs.google.com/document/d/x/edit', false);
    expect(() => savePdfCopy(foreign.id)).toThrow(`File not found: ${foreign.id}.`);
  });

  it('trashes a file the script created', () => {
    const emulator = drive();
    const doc = createReportDocument('Half-made', reportFolder('', 'Reports').id);
    trashFile(doc.getId());
    expect(emulator.documents[0]!.trashed).toBe(true);
  });
});
