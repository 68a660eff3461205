/** ScriptApp: installable triggers (20 per user per script, each user seeing only their own), authorization info and the enums the project uses. */
import { zonedParts } from './format';
import type { Returning, Runtime } from './runtime';

export const TRIGGER_LIMIT = 20;
export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export const WeekDay = {
  MONDAY: 'MONDAY', TUESDAY: 'TUESDAY', WEDNESDAY: 'WEDNESDAY', THURSDAY: 'THURSDAY', FRIDAY: 'FRIDAY', SATURDAY: 'SATURDAY', SUNDAY: 'SUNDAY',
} as const;
const WEEKDAY_INDEX: Record<string, number> = { SUNDAY: 0, MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6 };
export const EventType = { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE' } as const;
export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' } as const;
export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;

/**
 * Thrown by ScriptApp.requireScopes when consent is missing in an interactive run: Apps Script ends the
 * execution there and shows its consent prompt. Emulator.call ends the run quietly and records the prompt.
 */
export class ExecutionEnded extends Error {
  constructor(readonly scopes: readonly string[]) {
    super(`Execution ended: authorization required for ${scopes.join(', ')}`);
  }
}

/** ScriptApp.getAuthorizationInfo's answer, for the effective user and the scopes asked about. */
export class EmuAuthorizationInfo {
  constructor(private readonly rt: Runtime, private readonly granted: readonly string[], private readonly missing: readonly string[], private readonly url: string) {}
  getAuthorizationStatus(): string {
    this.rt.hit('AuthorizationInfo.getAuthorizationStatus');
    return this.missing.length > 0 ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED;
  }
  getAuthorizationUrl(): string | null {
    this.rt.hit('AuthorizationInfo.getAuthorizationUrl');
    return this.missing.length > 0 ? this.url : null;
  }
  getAuthorizedScopes(): string[] {
    this.rt.hit('AuthorizationInfo.getAuthorizedScopes');
    return [...this.granted];
  }
}

/** What ScriptApp needs to know of the running execution. */
export interface ScriptContext {
  /** The effective user's email (triggers belong to it). */
  user: () => string;
  timeZone: () => string;
  scriptId: string;
  /** Whether the effective user granted `scope` (and the manifest asks for it). */
  granted: (scope: string) => boolean;
  /** Every scope the manifest asks for (null: none loaded; then the scopes asked about). */
  manifestScopes: () => readonly string[] | null;
  /** 'interactive' runs can show a consent prompt; triggers cannot. */
  interactive: () => boolean;
  /** Records Apps Script's consent prompt (interactive requireScopes). */
  prompt: (scopes: readonly string[]) => void;
}

export interface TriggerSpec {
  handler: string;
  eventType: string;
  source: string;
  /** Weekly: weekday name; daily: everyDays; hourly: everyHours; minutes: everyMinutes; one-shot: at. */
  weekDay?: string;
  hour?: number;
  minute?: number;
  everyDays?: number;
  everyHours?: number;
  everyMinutes?: number;
  at?: Date;
  timeZone: string;
  owner: string;
}

export type TriggerSlice = Pick<GoogleAppsScript.Script.Trigger, 'getUniqueId' | 'getHandlerFunction' | 'getEventType' | 'getTriggerSource'>;

export class EmuTrigger implements TriggerSlice {
  /** Slots (e.g. '2025-01-03T09' in the trigger's zone) this trigger already fired for. */
  readonly fired = new Set<string>();
  deleted = false;
  constructor(private readonly rt: Runtime, readonly id: string, readonly spec: TriggerSpec) {}
  getUniqueId(): string {
    this.rt.hit('Trigger.getUniqueId');
    return this.id;
  }
  getHandlerFunction(): string {
    this.rt.hit('Trigger.getHandlerFunction');
    return this.spec.handler;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    this.rt.hit('Trigger.getEventType');
    return this.spec.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.rt.hit('Trigger.getTriggerSource');
    return this.spec.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  /** The slot key when this trigger is due at `now`, else null. */
  dueSlot(now: Date): string | null {
    const s = this.spec;
    if (s.eventType !== 'CLOCK') return null;
    if (s.at) return now.getTime() >= s.at.getTime() ? 'once' : null;
    const p = zonedParts(now, s.timeZone);
    const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    if (s.everyMinutes) {
      const m = Math.floor((p.hour * 60 + p.minute) / s.everyMinutes);
      return `${day}T${m}m`;
    }
    if (s.everyHours) return p.hour % s.everyHours === 0 ? `${day}T${p.hour}` : null;
    if (s.weekDay !== undefined) {
      if (WEEKDAY_INDEX[s.weekDay] !== p.weekday) return null;
      if (s.hour !== undefined && s.hour !== p.hour) return null;
      return `${day}T${s.hour ?? 'any'}`;
    }
    if (s.everyDays) {
      const dayIndex = Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86400000);
      if (dayIndex % s.everyDays !== 0 && s.everyDays > 1) return null;
      if (s.hour !== undefined && s.hour !== p.hour) return null;
      return `${day}T${s.hour ?? 'any'}`;
    }
    return null;
  }
}

export class EmuClockTriggerBuilder {
  constructor(private readonly rt: Runtime, private readonly spec: TriggerSpec, private readonly create_: (s: TriggerSpec) => EmuTrigger) {}
  private hit(m: string): this {
    this.rt.hit(`ClockTriggerBuilder.${m}`);
    return this;
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): this {
    this.spec.weekDay = String(day);
    return this.hit('onWeekDay');
  }
  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error('Invalid argument: hour');
    this.spec.hour = hour;
    return this.hit('atHour');
  }
  nearMinute(minute: number): this {
    this.spec.minute = minute;
    return this.hit('nearMinute');
  }
  everyDays(n: number): this {
    this.spec.everyDays = n;
    return this.hit('everyDays');
  }
  everyWeeks(_n: number): this {
    return this.hit('everyWeeks');
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new Error('Invalid argument: hours');
    this.spec.everyHours = n;
    return this.hit('everyHours');
  }
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error('Invalid argument: minutes');
    this.spec.everyMinutes = n;
    return this.hit('everyMinutes');
  }
  at(date: Date): this {
    this.spec.at = new Date(date.getTime());
    return this.hit('at');
  }
  inTimezone(timezone: string): this {
    this.spec.timeZone = timezone;
    return this.hit('inTimezone');
  }
  create(): EmuTrigger {
    this.rt.hit('ClockTriggerBuilder.create');
    if (this.spec.weekDay !== undefined && this.spec.everyDays === undefined && this.spec.hour === undefined) {
      // Apps Script allows a weekly trigger without atHour (fires some time that day); keep it.
    }
    return this.create_({ ...this.spec });
  }
}

export class EmuSpreadsheetTriggerBuilder {
  constructor(private readonly rt: Runtime, private readonly spec: TriggerSpec, private readonly create_: (s: TriggerSpec) => EmuTrigger) {}
  private set(m: string, type: string): { create(): EmuTrigger } {
    this.rt.hit(`SpreadsheetTriggerBuilder.${m}`);
    this.spec.eventType = type;
    return {
      create: () => {
        this.rt.hit('SpreadsheetTriggerBuilder.create');
        return this.create_({ ...this.spec });
      },
    };
  }
  onOpen(): { create(): EmuTrigger } {
    return this.set('onOpen', 'ON_OPEN');
  }
  onEdit(): { create(): EmuTrigger } {
    return this.set('onEdit', 'ON_EDIT');
  }
  onChange(): { create(): EmuTrigger } {
    return this.set('onChange', 'ON_CHANGE');
  }
}

export class EmuTriggerBuilder {
  constructor(private readonly rt: Runtime, private readonly spec: TriggerSpec, private readonly create_: (s: TriggerSpec) => EmuTrigger) {}
  timeBased(): EmuClockTriggerBuilder {
    this.rt.hit('TriggerBuilder.timeBased');
    return new EmuClockTriggerBuilder(this.rt, { ...this.spec, eventType: 'CLOCK', source: 'CLOCK' }, this.create_);
  }
  forSpreadsheet(_sheet: unknown): EmuSpreadsheetTriggerBuilder {
    this.rt.hit('TriggerBuilder.forSpreadsheet');
    return new EmuSpreadsheetTriggerBuilder(this.rt, { ...this.spec, source: 'SPREADSHEETS' }, this.create_);
  }
}

export type ScriptAppSlice = Pick<GoogleAppsScript.Script.ScriptApp, 'getScriptId'> &
  Returning<GoogleAppsScript.Script.ScriptApp, 'getProjectTriggers', EmuTrigger[]> &
  Returning<GoogleAppsScript.Script.ScriptApp, 'deleteTrigger', void> &
  Returning<GoogleAppsScript.Script.ScriptApp, 'newTrigger', EmuTriggerBuilder>;

export class EmuScriptApp implements ScriptAppSlice {
  readonly WeekDay = WeekDay;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  constructor(
    private readonly rt: Runtime,
    readonly triggers: EmuTrigger[],
    private readonly ctx: ScriptContext,
  ) {}
  private authorization(scopes?: readonly string[]): { granted: string[]; missing: string[] } {
    const asked = scopes ? [...scopes].map(String) : [...(this.ctx.manifestScopes() ?? [])];
    return { granted: asked.filter((s) => this.ctx.granted(s)), missing: asked.filter((s) => !this.ctx.granted(s)) };
  }
  /** For the effective user: which of `oAuthScopes` (default: every scope of the manifest) are granted. */
  getAuthorizationInfo(_authMode: unknown, oAuthScopes?: string[]): EmuAuthorizationInfo {
    this.rt.hit('ScriptApp.getAuthorizationInfo');
    const { granted, missing } = this.authorization(oAuthScopes);
    return new EmuAuthorizationInfo(this.rt, granted, missing, `https://script.google.com/macros/d/${this.ctx.scriptId}/authorize`);
  }
  /** Ends the execution when any scope is not granted: with Apps Script's consent prompt when someone is there to answer it. */
  requireScopes(_authMode: unknown, oAuthScopes: string[]): void {
    this.rt.hit('ScriptApp.requireScopes');
    const { missing } = this.authorization(oAuthScopes);
    if (missing.length === 0) return;
    if (!this.ctx.interactive()) throw new Error('Authorization is required to perform that action.');
    this.ctx.prompt(missing);
    throw new ExecutionEnded(missing);
  }
  requireAllScopes(authMode: unknown): void {
    this.requireScopes(authMode, [...(this.ctx.manifestScopes() ?? [])]);
  }
  getScriptId(): string {
    this.rt.hit('ScriptApp.getScriptId');
    return this.ctx.scriptId;
  }
  newTrigger(functionName: string): EmuTriggerBuilder {
    this.rt.hit('ScriptApp.newTrigger');
    const spec: TriggerSpec = { handler: String(functionName), eventType: '', source: '', timeZone: this.ctx.timeZone(), owner: this.ctx.user() };
    return new EmuTriggerBuilder(this.rt, spec, (s) => {
      const mine = this.triggers.filter((t) => t.spec.owner === s.owner);
      if (mine.length >= TRIGGER_LIMIT) throw new Error(TOO_MANY_TRIGGERS);
      const t = new EmuTrigger(this.rt, String(this.rt.seq() * 1000003), s);
      this.triggers.push(t);
      return t;
    });
  }
  getProjectTriggers(): EmuTrigger[] {
    this.rt.hit('ScriptApp.getProjectTriggers');
    return this.triggers.filter((t) => t.spec.owner === this.ctx.user());
  }
  deleteTrigger(trigger: EmuTrigger | GoogleAppsScript.Script.Trigger): void {
    this.rt.hit('ScriptApp.deleteTrigger');
    const t = trigger as EmuTrigger;
    const i = this.triggers.findIndex((x) => x.id === t.id);
    if (i >= 0) {
      this.triggers[i]!.deleted = true;
      this.triggers.splice(i, 1);
    }
  }
}
