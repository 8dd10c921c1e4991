import { notifier } from 'notifier';

/** Shows the outcome of an action ({ success, message }, as the JSON-RPC service answers) as a notification. */
export function notifyOutcome(outcome) {
    if (outcome.success) {
        notifier.showSuccessMessage(outcome.message);
    } else {
        notifier.showErrorMessage(outcome.message);
    }
}

/** The message of a JSON-RPC call that failed. */
export function errorText(e) {
    return e && e.error && e.error.message ? e.error.message : String(e);
}
