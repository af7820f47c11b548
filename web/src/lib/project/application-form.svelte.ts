import type { FieldIssue } from '../../../../shared/errors';
import type { Application } from '../../../../shared/projects/model';
import type { ProjectView } from '../api/endpoints';
import { ApiError, mapIssuesToFields } from '../api/errors';
import {
  applicationBody,
  applicationFieldPaths,
  checkApplication,
  stepOf,
  stripApplicationPrefix,
  valuesOf,
  type ApplicationStep,
  type ApplicationValues,
} from './application';

/**
 * The application editor's state: the values, the message beside each field, and draft autosave.
 * Every change schedules a `save_draft` a moment later with the version last seen; a save never
 * overlaps another, and a change made during one is saved right after it. A STALE_VERSION (someone
 * else saved) stops autosave until the page is reloaded, so nothing is silently overwritten.
 */
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'failed' | 'stale';

export interface ApplicationFormDeps {
  save: (expectedVersion: number, application: Application) => Promise<ProjectView>;
  /** Milliseconds between the last change and the save. */
  delay?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class ApplicationFormState {
  values = $state<ApplicationValues>(valuesOf({ implementationPlan: '', milestones: [], budget: [], fundRequestedWan: 0, indicators: [], evidenceIds: [] }));
  fieldErrors = $state<Record<string, string[]>>({});
  formErrors = $state<string[]>([]);
  saveState = $state<SaveState>('idle');
  savedAt = $state<string | null>(null);
  saveError = $state.raw<unknown>(null);
  version = $state(0);
  project = $state.raw<ProjectView | null>(null);

  readonly #deps: ApplicationFormDeps;
  #timer: unknown;
  #saving: Promise<void> | null = null;
  #again = false;
  #lastSaved = '';

  constructor(project: ProjectView, deps: ApplicationFormDeps) {
    this.#deps = deps;
    this.project = project;
    this.values = valuesOf(project.application);
    this.version = project.version;
    this.#lastSaved = JSON.stringify(applicationBody(this.values));
  }

  errorsFor(path: string): string[] {
    return this.fieldErrors[path] ?? [];
  }

  /** Steps that hold at least one message, for the step list. */
  get stepsWithErrors(): Set<ApplicationStep> {
    return new Set(Object.keys(this.fieldErrors).map(stepOf));
  }

  get dirty(): boolean {
    return JSON.stringify(applicationBody(this.values)) !== this.#lastSaved;
  }

  /** Call after any edit: saves a moment later. */
  changed(): void {
    if (this.saveState === 'stale' || !this.dirty) return;
    this.saveState = 'pending';
    const clear = this.#deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    const set = this.#deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    if (this.#timer !== undefined) clear(this.#timer);
    this.#timer = set(() => {
      this.#timer = undefined;
      void this.save();
    }, this.#deps.delay ?? 1500);
  }

  /** Saves now if anything changed and the values pass the schema; resolves when stored. */
  async save(): Promise<boolean> {
    if (this.#saving) {
      this.#again = true;
      await this.#saving;
      return this.save();
    }
    if (this.saveState === 'stale') return false;
    if (!this.dirty) {
      if (this.saveState === 'pending') this.saveState = this.savedAt ? 'saved' : 'idle';
      return true;
    }
    const check = checkApplication(this.values);
    if (!check.ok) {
      // A half-filled row cannot be stored; say so and keep the last good draft.
      this.saveState = 'invalid';
      return false;
    }
    const body = JSON.stringify(applicationBody(this.values));
    let saved = false;
    this.saveState = 'saving';
    this.#saving = (async () => {
      try {
        const view = await this.#deps.save(this.version, check.application);
        this.version = view.version;
        this.project = view;
        this.#lastSaved = body;
        this.savedAt = view.updatedAt;
        this.saveError = null;
        this.saveState = this.dirty ? 'pending' : 'saved';
        saved = true;
      } catch (error) {
        this.saveError = error;
        this.saveState = error instanceof ApiError && error.code === 'STALE_VERSION' ? 'stale' : 'failed';
      }
    })();
    await this.#saving;
    this.#saving = null;
    if (this.#again) {
      this.#again = false;
      if (this.dirty) return this.save();
    }
    return saved;
  }

  /** Checks the whole form (or only what a submission needs) and puts each message by its field. */
  validate(forSubmit: boolean): boolean {
    const check = checkApplication(this.values, forSubmit);
    this.showIssues(check.issues);
    return check.ok;
  }

  /** Checks only one step's fields, for the "next" button; other steps keep their messages. */
  validateStep(step: ApplicationStep): boolean {
    const check = checkApplication(this.values, true);
    const mine = check.issues.filter((issue) => stepOf(issue.path) === step);
    const others = Object.fromEntries(Object.entries(this.fieldErrors).filter(([path]) => stepOf(path) !== step));
    this.fieldErrors = { ...others, ...mapIssuesToFields(mine, applicationFieldPaths(this.values)).byField };
    return mine.length === 0;
  }

  showIssues(issues: readonly FieldIssue[]): void {
    const { byField, unmatched } = mapIssuesToFields(issues.map(stripApplicationPrefix), applicationFieldPaths(this.values));
    this.fieldErrors = byField;
    this.formErrors = unmatched.map((issue) => issue.message);
  }

  /** After an edit of a field with a message, checks again so a fix is confirmed at once. */
  recheck(): void {
    if (Object.keys(this.fieldErrors).length === 0) return;
    const check = checkApplication(this.values);
    const { byField } = mapIssuesToFields(check.issues, applicationFieldPaths(this.values));
    this.fieldErrors = Object.fromEntries(Object.keys(this.fieldErrors).flatMap((path) => (byField[path] ? [[path, byField[path]]] : [])));
  }

  dispose(): void {
    if (this.#timer !== undefined) (this.#deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>)))(this.#timer);
  }
}
