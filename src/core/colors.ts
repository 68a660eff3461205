import type { Status } from './metrics';

/** Colour of each metric status: the sheet's conditional colours, the Doc's and the .docx's cells. */
export const STATUS_COLORS: Readonly<Record<Status, string>> = {
  on_track: '#d9ead3',
  met: '#d9ead3',
  at_risk: '#fff2cc',
  off_track: '#f4cccc',
  missed: '#f4cccc',
  no_data: '#eeeeee',
  check_data: '#fce5cd',
};

/** Colour of each task status in Tracking. */
export const TASK_STATUS_COLORS: Readonly<Record<string, string>> = {
  done: '#d9ead3',
  in_progress: '#cfe2f3',
  blocked: '#f4cccc',
  not_started: '#eeeeee',
};

/** Header rows of tables in documents. */
export const HEADER_COLOR = '#e8eaed';
