/**
 * The evaluation report as a document model (core/document.ts): A4 portrait, the report's name in
 * the running header, page numbers in the footer, each section a level-1 heading followed by its blocks.
 */
import { A4_PORTRAIT, DocBlock, DocModel, PageSetup } from './document';
import type { ReportModel } from './report';

/** What a report-shaped document needs: the evaluation report and the director's roll-up both have it. */
export type ReportLike = Pick<ReportModel, 'lang' | 'documentName' | 'subtitle' | 'sections'> & {
  /** A4 portrait unless the document asks for another page (the weekly tracking sheet is landscape, for its wide table). */
  readonly page?: PageSetup;
};

export function reportDocument(model: ReportLike): DocModel {
  const blocks: DocBlock[] = [];
  for (const section of model.sections) {
    blocks.push({ kind: 'heading', level: 1, text: section.title });
    for (const block of section.blocks) {
      // A section's own sub-headings are the second level of the document's outline.
      blocks.push(block.kind === 'heading' ? { ...block, level: block.level === 1 ? 2 : block.level === 3 ? 2 : 3 } : block);
    }
  }
  return {
    lang: model.lang, name: model.documentName, title: model.documentName, subtitle: model.subtitle, page: model.page ?? A4_PORTRAIT,
    header: model.documentName, footer: { text: model.subtitle, pageNumbers: true }, blocks,
  };
}
