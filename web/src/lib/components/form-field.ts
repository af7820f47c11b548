/** What the control inside a FormField must carry so its label, hint and error are announced with it. */
export interface ControlAttributes {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': 'true' | undefined;
  'aria-required': 'true' | undefined;
}

/** One line of a form's error summary. */
export interface SummaryItem {
  /** The id of the control to jump to; absent for an error that belongs to no field. */
  fieldId?: string;
  message: string;
}
