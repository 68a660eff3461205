/**
 * The "My week" sidebar's script (runs in the browser, inside HtmlService's iframe). It builds the form
 * from the JSON the server put in the page, checks each number and date as it is typed with Check data's
 * own reader (core/fieldCheck), and saves only the fields that changed, each with the value it was loaded
 * with, through google.script.run. Every element is built with textContent: cell text is never HTML.
 */
import type { CheckInSubmission, CheckInView, FieldChange, TaskField, WeeklyField } from '../core/checkin';
import type { SaveResponse } from '../core/checkinText';
import { checkCell } from '../core/fieldCheck';
import type { CellValue } from '../core/values';

interface Runner {
  withSuccessHandler(handler: (value: never) => void): Runner;
  withFailureHandler(handler: (error: Error) => void): Runner;
  myWeekLoad(request: { owner: string; week: string }): void;
  myWeekSave(submission: CheckInSubmission): void;
}
declare const google: { script: { run: Runner } };

interface PageData {
  readonly view: CheckInView;
  readonly text: Record<string, string>;
  readonly notice: string;
}

type Tab = 'tracking' | 'weekly';
interface Field {
  readonly tab: Tab;
  readonly index: number;
  readonly field: string;
  readonly loaded: string;
  readonly read: () => string;
  readonly write: (value: string) => void;
  readonly element: HTMLElement;
  error: HTMLElement | null;
}

const CHECKED_TYPES: Readonly<Record<string, 'number' | 'date'>> = {
  'tracking.nextStepDue': 'date', 'weekly.visits': 'number', 'weekly.leads': 'number', 'weekly.newCustomers': 'number',
  'weekly.revenue': 'number', 'weekly.cost': 'number', 'weekly.eventParticipants': 'number',
};

const data = JSON.parse(document.getElementById('my-week-data')?.textContent ?? '{}') as PageData;
const text = data.text;
let view: CheckInView = data.view;
let fields: Field[] = [];
let busy = false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { text?: string; className?: string; id?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  for (const child of children) node.appendChild(child);
  return node;
}

function say(key: string, params: Record<string, string> = {}): string {
  return (text[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function fieldId(tab: Tab, index: number, field: string): string {
  return `${tab === 'tracking' ? 't' : 'w'}-${index}-${field}`;
}

/** Checks one typed value as Check data would, and shows its message under the field. */
function validate(f: Field): boolean {
  const kind = CHECKED_TYPES[`${f.tab}.${f.field}`];
  if (!kind) return true;
  const value = f.read().trim();
  const result = value === '' ? { problems: [] } : checkCell(f.tab, f.field, value, view.settings as CellValue[][]);
  const problem = result.problems[0];
  f.element.classList.toggle('invalid', problem !== undefined);
  if (f.error) {
    f.error.remove();
    f.error = null;
  }
  if (problem) {
    const lang = view.lang === 'zh-CN' ? 'zh' : 'en';
    f.error = el('div', { className: 'error', text: `${problem.message[lang]} ${problem.fix[lang]}` });
    f.element.insertAdjacentElement('afterend', f.error);
  }
  return problem === undefined;
}

function textField(tab: Tab, index: number, field: string, loaded: string, multiline: boolean): HTMLElement {
  const input = multiline ? el('textarea') : el('input');
  input.id = fieldId(tab, index, field);
  input.value = loaded;
  const f: Field = { tab, index, field, loaded, read: () => input.value, write: (v) => { input.value = v; }, element: input, error: null };
  input.addEventListener('input', () => validate(f));
  fields.push(f);
  const label = el('label', { text: say(`${tab}.${field}`) });
  label.htmlFor = input.id;
  return el('div', {}, label, input);
}

function statusField(index: number, loaded: string): HTMLElement {
  const select = el('select', { id: fieldId('tracking', index, 'status') });
  const options = [...view.statusOptions];
  if (loaded !== '' && !options.some((o) => o.value === loaded)) options.unshift({ value: loaded, label: loaded });
  if (loaded === '') options.unshift({ value: '', label: '' });
  for (const option of options) {
    const node = el('option', { text: option.label });
    node.value = option.value;
    select.appendChild(node);
  }
  select.value = loaded;
  fields.push({ tab: 'tracking', index, field: 'status', loaded, read: () => select.value, write: (v) => { select.value = v; }, element: select, error: null });
  const label = el('label', { text: say('tracking.status') });
  label.htmlFor = select.id;
  return el('div', {}, label, select);
}

function helpField(index: number, loaded: string): HTMLElement {
  const box = el('input', { id: fieldId('tracking', index, 'needsHelp') });
  box.type = 'checkbox';
  box.checked = loaded === 'yes';
  // Unticking a flag writes No; a box never ticked leaves an empty cell empty.
  const read = (): string => (box.checked ? 'yes' : loaded === '' ? '' : 'no');
  fields.push({ tab: 'tracking', index, field: 'needsHelp', loaded, read, write: (v) => { box.checked = v === 'yes'; }, element: box, error: null });
  const label = el('label', { className: 'checkbox' }, box, document.createTextNode(say('tracking.needsHelp')));
  return label;
}

function taskCard(task: CheckInView['tasks'][number], index: number): HTMLElement {
  const meta: string[] = [];
  if (task.planned !== '') meta.push(say('planned', { date: task.planned }));
  meta.push(task.updated === '' ? say('neverUpdated') : say('updated', { date: task.updated }));
  if (task.values.needsHelp === 'yes' && task.helpSince !== '') meta.push(say('since', { date: task.helpSince }));
  const metaLine = el('div', { className: 'meta', text: meta.join(' · ') });
  if (task.overdue) metaLine.appendChild(el('span', { className: 'overdue', text: ` · ${say('overdue')}` }));
  const card = el('div', { className: 'task' },
    el('div', { className: 'name', text: task.stage !== '' ? `${task.task} [${task.stage}]` : task.task }),
    metaLine,
    statusField(index, task.values.status),
    textField('tracking', index, 'progress', task.values.progress, true),
    textField('tracking', index, 'problem', task.values.problem, true),
    textField('tracking', index, 'solution', task.values.solution, true),
    el('div', { className: 'row' },
      textField('tracking', index, 'nextStep', task.values.nextStep, false),
      textField('tracking', index, 'nextStepDue', task.values.nextStepDue, false)),
    helpField(index, task.values.needsHelp),
    textField('tracking', index, 'helpNote', task.values.helpNote, true),
  );
  if (task.decision !== '') card.appendChild(el('div', { className: 'meta', text: say('decision', { text: task.decision }) }));
  return card;
}

function weeklyCard(entry: CheckInView['weekly'][number], index: number): HTMLElement {
  const numbers: WeeklyField[] = ['visits', 'leads', 'newCustomers', 'revenue', 'cost', 'eventParticipants'];
  const pairs: HTMLElement[] = [];
  for (let i = 0; i < numbers.length; i += 2) {
    pairs.push(el('div', { className: 'row' },
      textField('weekly', index, numbers[i]!, entry.values[numbers[i]!], false),
      textField('weekly', index, numbers[i + 1]!, entry.values[numbers[i + 1]!], false)));
  }
  return el('div', { className: 'task' },
    el('div', { className: 'name', text: entry.channel !== '' ? entry.channel : say('noChannel') }),
    ...pairs,
    textField('weekly', index, 'note', entry.values.note, false));
}

function chooser(id: string, label: string, options: readonly { value: string; label: string }[], value: string, onChange: (v: string) => void): HTMLElement {
  const select = el('select', { id });
  for (const option of options) {
    const node = el('option', { text: option.label });
    node.value = option.value;
    select.appendChild(node);
  }
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  const caption = el('label', { text: label });
  caption.htmlFor = id;
  return el('div', {}, caption, select);
}

function showMessage(message: string, details: readonly string[] = []): void {
  const box = document.getElementById('message');
  if (!box) return;
  box.textContent = '';
  if (message !== '') box.appendChild(el('div', { text: message }));
  for (const line of details) box.appendChild(el('div', { className: 'error', text: line }));
}

function render(next: CheckInView, notice: string): void {
  view = next;
  fields = [];
  const app = document.getElementById('app')!;
  app.textContent = '';
  app.appendChild(el('h2', { text: say('title') }));
  if (notice !== '') app.appendChild(el('p', { className: 'conflict', text: notice }));
  app.appendChild(el('p', { text: say('intro', { owner: view.owner }) }));
  if (view.owners.length > 0) {
    app.appendChild(chooser('owner', say('owner'), view.owners.map((o) => ({ value: o, label: o })), view.owner, (owner) => load(owner, view.week)));
  }
  app.appendChild(chooser('week', say('week'), view.weeks, view.week, (week) => load(view.owner, week)));
  app.appendChild(el('h2', { text: say('tasks') }));
  if (view.tasks.length === 0) app.appendChild(el('p', { className: 'meta', text: say('noTasks') }));
  view.tasks.forEach((task, i) => app.appendChild(taskCard(task, i)));
  app.appendChild(el('h2', { text: say('numbers') }));
  view.weekly.forEach((entry, i) => app.appendChild(weeklyCard(entry, i)));
  app.appendChild(el('div', { id: 'conflicts' }));
  const button = el('button', { id: 'save', text: say('save') });
  button.addEventListener('click', save);
  app.appendChild(el('div', { className: 'msg', id: 'message' }));
  app.appendChild(button);
  app.appendChild(el('p', { className: 'meta', text: say('closeHint') }));
}

function load(owner: string, week: string): void {
  showMessage(say('loading'));
  google.script.run
    .withSuccessHandler((next: CheckInView) => render(next, ''))
    .withFailureHandler((error: Error) => showMessage(say('failed', { error: error.message })))
    .myWeekLoad({ owner, week });
}

function submission(): CheckInSubmission {
  const tasks = view.tasks.map((task, index) => {
    const changes: Partial<Record<TaskField, FieldChange>> = {};
    for (const f of fields) if (f.tab === 'tracking' && f.index === index && f.read() !== f.loaded) changes[f.field as TaskField] = { from: f.loaded, to: f.read() };
    return { row: task.row, key: task.key, changes };
  });
  const weekly = view.weekly.map((entry, index) => {
    const changes: Partial<Record<WeeklyField, FieldChange>> = {};
    for (const f of fields) if (f.tab === 'weekly' && f.index === index && f.read() !== f.loaded) changes[f.field as WeeklyField] = { from: f.loaded, to: f.read() };
    return { row: entry.row, key: entry.key, channel: entry.channel, changes };
  });
  return {
    owner: view.owner, week: view.week,
    tasks: tasks.filter((t) => Object.keys(t.changes).length > 0),
    weekly: weekly.filter((w) => Object.keys(w.changes).length > 0),
  };
}

function save(): void {
  if (busy) return;
  const valid = fields.map(validate).every(Boolean);
  if (!valid) {
    showMessage(say('fixFirst'));
    return;
  }
  const payload = submission();
  if (payload.tasks.length === 0 && payload.weekly.length === 0) {
    showMessage(say('nothing'));
    return;
  }
  busy = true;
  const button = document.getElementById('save') as HTMLButtonElement | null;
  if (button) {
    button.disabled = true;
    button.textContent = say('saving');
  }
  google.script.run
    .withSuccessHandler((response: SaveResponse) => saved(response))
    .withFailureHandler((error: Error) => {
      busy = false;
      if (button) {
        button.disabled = false;
        button.textContent = say('save');
      }
      showMessage(say('failed', { error: error.message }));
    })
    .myWeekSave(payload);
}

/** After a save: the form as the sheet now is; for each conflict, the sheet keeps theirs and the form offers yours. */
function saved(response: SaveResponse): void {
  busy = false;
  if (response.view) render(response.view, '');
  else {
    const button = document.getElementById('save') as HTMLButtonElement | null;
    if (button) {
      button.disabled = false;
      button.textContent = say('save');
    }
  }
  showMessage(response.message, response.details);
  const box = document.getElementById('conflicts');
  if (!box || response.conflicts.length === 0) return;
  box.appendChild(el('p', { className: 'meta', text: say('conflictsIntro') }));
  for (const conflict of response.conflicts) {
    const tab: Tab = conflict.tab === 'weekly' ? 'weekly' : 'tracking';
    const rows = tab === 'tracking' ? view.tasks.map((t) => t.row) : view.weekly.map((w) => w.row);
    const index = rows.indexOf(conflict.row);
    const target = fields.find((f) => f.tab === tab && f.index === index && f.field === conflict.field);
    const use = el('button', { text: say('useMine') });
    use.addEventListener('click', () => target?.write(conflict.yours));
    box.appendChild(el('div', { className: 'conflict' }, el('div', { text: conflict.text }), use));
  }
}

render(view, data.notice);
