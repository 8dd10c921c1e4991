import { LitElement, html, css } from 'lit';
import '@vaadin/button';
import '@vaadin/icon';
import '@vaadin/progress-bar';

/**
 * One job: its fields, payload, progress, result and the history of its failed attempts with their stack traces.
 * It only shows; its buttons fire a "job-action" event ({action: replay | cancel | delete | close | reload, id}) that
 * the page handles.
 */
export class QwcJobQueueJobDetail extends LitElement {

    static styles = css`
        :host { display: block; border: 1px solid var(--lumo-contrast-10pct); border-radius: 6px; padding: 10px; }
        .header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
        .state { font-weight: bold; }
        .state.DEAD { color: var(--lumo-error-text-color); }
        .state.SUCCEEDED { color: var(--lumo-success-text-color); }
        table { border-collapse: collapse; margin: 8px 0; }
        td { padding: 2px 12px 2px 0; vertical-align: top; }
        td:first-child { color: var(--lumo-contrast-60pct); white-space: nowrap; }
        pre { background: var(--lumo-contrast-5pct); padding: 8px; overflow: auto; max-height: 300px; margin: 4px 0; }
        .attempt { margin: 6px 0; }
        .error { color: var(--lumo-error-text-color); }
        .spacer { flex: 1; }
    `;

    static properties = {
        job: { type: Object }
    };

    render() {
        const job = this.job;
        if (!job) {
            return html``;
        }
        const replayable = job.state === 'DEAD' || job.state === 'CANCELLED';
        const cancellable = ['SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING'].includes(job.state);
        return html`
            <div class="header">
                <code id="detail-id">${job.id}</code>
                <code>${job.type}</code>
                <span class="state ${job.state}" id="detail-state">${job.state}</span>
                <span class="spacer"></span>
                <vaadin-button theme="small" id="detail-reload" @click=${() => this._fire('reload')}>
                    <vaadin-icon icon="font-awesome-solid:rotate"></vaadin-icon> Reload</vaadin-button>
                <vaadin-button theme="small primary" id="detail-replay" ?disabled=${!replayable} @click=${() => this._fire('replay')}>
                    <vaadin-icon icon="font-awesome-solid:play"></vaadin-icon> Replay</vaadin-button>
                <vaadin-button theme="small" id="detail-cancel" ?disabled=${!cancellable} @click=${() => this._fire('cancel')}>
                    <vaadin-icon icon="font-awesome-solid:ban"></vaadin-icon> Cancel</vaadin-button>
                <vaadin-button theme="small error" id="detail-delete" ?disabled=${job.state === 'RUNNING'} @click=${() => this._fire('delete')}>
                    <vaadin-icon icon="font-awesome-solid:trash"></vaadin-icon> Delete</vaadin-button>
                <vaadin-button theme="small tertiary" @click=${() => this._fire('close')}>
                    <vaadin-icon icon="font-awesome-solid:xmark"></vaadin-icon> Close</vaadin-button>
            </div>
            <table>
                <tr><td>Queue</td><td><code>${job.queue}</code></td></tr>
                <tr><td>Attempt</td><td>${job.attempt} of ${job.maxAttempts}</td></tr>
                <tr><td>Priority</td><td>${job.priority}</td></tr>
                <tr><td>Run at</td><td>${job.runAt ?? '-'}</td></tr>
                <tr><td>Created</td><td>${job.createdAt ?? '-'}</td></tr>
                <tr><td>Started</td><td>${job.startedAt ?? '-'}</td></tr>
                <tr><td>Finished</td><td>${job.finishedAt ?? '-'}</td></tr>
                ${job.timeout ? html`<tr><td>Timeout</td><td>${job.timeout}</td></tr>` : ''}
                ${job.uniqueKey ? html`<tr><td>Unique key</td><td><code>${job.uniqueKey}</code></td></tr>` : ''}
                ${job.cancelRequestedAt ? html`<tr><td>Cancel requested</td><td>${job.cancelRequestedAt}</td></tr>` : ''}
                ${job.lastError ? html`<tr><td>Last error</td><td class="error">${job.lastError}</td></tr>` : ''}
            </table>
            ${this._progress(job)}
            <div>Payload (version ${job.payloadVersion})</div>
            <pre id="detail-payload">${this._pretty(job.payload)}</pre>
            ${job.result != null ? html`<div>Result</div><pre id="detail-result">${this._pretty(job.result)}</pre>` : ''}
            <div>Failed attempts (${job.attempts.length})</div>
            ${job.attempts.length === 0 ? html`<p>None.</p>` : job.attempts.map(a => html`
                <div class="attempt">
                    <b>Attempt ${a.attempt}</b>, started ${a.startedAt ?? '-'}, failed ${a.failedAt ?? '-'}:
                    <span class="error">${a.error}</span>
                    ${a.stackTrace ? html`<details><summary>Stack trace</summary><pre>${a.stackTrace}</pre></details>` : ''}
                </div>`)}`;
    }

    _progress(job) {
        if (!job.progress) {
            return '';
        }
        const p = job.progress;
        const value = p.total > 0 ? p.done / p.total : 0;
        return html`<div>Progress: ${p.done} of ${p.total}${p.message ? html` (${p.message})` : ''}, reported ${p.updatedAt}</div>
            <vaadin-progress-bar .value=${value}></vaadin-progress-bar>`;
    }

    _pretty(json) {
        if (json == null) {
            return 'null';
        }
        try {
            return JSON.stringify(JSON.parse(json), null, 2);
        } catch (e) {
            return json;
        }
    }

    _fire(action) {
        this.dispatchEvent(new CustomEvent('job-action', { detail: { action, id: this.job.id }, bubbles: true, composed: true }));
    }
}
customElements.define('qwc-job-queue-job-detail', QwcJobQueueJobDetail);
