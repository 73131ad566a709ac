// The formatter is shared with the admin panel, so editors and readers see the same dates.
export { formatDisplayDate } from '../../../shared/dates';
