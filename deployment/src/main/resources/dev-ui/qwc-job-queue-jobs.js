import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import { notifyOutcome, errorText } from './job-queue-messages.js';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import { handlers, queues } from 'build-time-data';
import '@vaadin/grid';
import '@vaadin/button';
import '@vaadin/icon';
import '@vaadin/select';
import '@vaadin/text-field';
import '@vaadin/text-area';
import '@vaadin/details';
import './qwc-job-queue-job-detail.js';

const STATES = ['SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'DEAD', 'CANCELLED'];
const ANY = '';

/**
 * Jobs, newest first, filtered by state, queue and type; a job opens with its payload, attempts, progress and result
 * and can be replayed, cancelled or deleted. A form enqueues a job of one of the application's types.
 */
export class QwcJobQueueJobs extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 8px; padding: 0 10px; }
        .filters { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
        .error { color: var(--lumo-error-text-color); }
        .ok { color: var(--lumo-success-text-color); }
        .muted { color: var(--lumo-contrast-50pct); }
        .enqueue { display: flex; flex-direction: column; gap: 6px; max-width: 800px; }
        .enqueue-row { display: flex; gap: 10px; align-items: baseline; }
        vaadin-text-area { width: 100%; min-height: 120px; font-family: monospace; }
        code { font-size: 85%; }
        .state-DEAD { color: var(--lumo-error-text-color); font-weight: bold; }
        .state-SUCCEEDED { color: var(--lumo-success-text-color); }
    `;

    static properties = {
        _jobs: { state: true },
        _state: { state: true },
        _queue: { state: true },
        _type: { state: true },
        _message: { state: true },
        _job: { state: true },
        _jobMessage: { state: true },
        _enqueueType: { state: true },
        _enqueueQueue: { state: true },
        _payload: { state: true },
        _enqueueResult: { state: true }
    };

    constructor() {
        super();
        this._state = ANY;
        this._queue = ANY;
        this._type = ANY;
        this._enqueueType = handlers.length ? handlers[0].type : '';
        this._enqueueQueue = '';
        this._payload = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this._load();
    }

    render() {
        return html`
            ${this._renderFilters()}
            ${this._message ? html`<span class="error" id="list-message">${this._message}</span>` : ''}
            ${this._jobMessage ? html`<span class="error" id="job-message">${this._jobMessage}</span>` : ''}
            ${this._job ? html`<qwc-job-queue-job-detail .job=${this._job} @job-action=${this._onAction}></qwc-job-queue-job-detail>` : ''}
            ${this._renderGrid()}
            ${this._renderEnqueue()}`;
    }

    _renderFilters() {
        const stateItems = [{ label: 'any state', value: ANY }, ...STATES.map(s => ({ label: s, value: s }))];
        const queueItems = [{ label: 'any queue', value: ANY }, ...queues.map(q => ({ label: q, value: q }))];
        const typeItems = [{ label: 'any type', value: ANY }, ...handlers.map(h => ({ label: h.type, value: h.type }))];
        return html`
            <div class="filters">
                <vaadin-select id="filter-state" label="State" placeholder="any state" .items=${stateItems} .value=${this._state}
                    @value-changed=${e => this._filter('_state', e.detail.value)}></vaadin-select>
                <vaadin-select id="filter-queue" label="Queue" placeholder="any queue" .items=${queueItems} .value=${this._queue}
                    @value-changed=${e => this._filter('_queue', e.detail.value)}></vaadin-select>
                <vaadin-select id="filter-type" label="Type" placeholder="any type" .items=${typeItems} .value=${this._type}
                    @value-changed=${e => this._filter('_type', e.detail.value)}></vaadin-select>
                <vaadin-button id="refresh" @click=${() => this._load()}>
                    <vaadin-icon icon="font-awesome-solid:rotate"></vaadin-icon> Refresh</vaadin-button>
                <vaadin-text-field id="open-id" label="Open a job by id" placeholder="0190f5a4-..." clear-button-visible
                    @keydown=${e => { if (e.key === 'Enter') { this._open(e.target.value); } }}></vaadin-text-field>
            </div>`;
    }

    _renderGrid() {
        if (!this._jobs) {
            return html`<p>Loading jobs...</p>`;
        }
        if (this._jobs.length === 0) {
            return html`<p class="muted" id="no-jobs">No jobs match.</p>`;
        }
        return html`
            <vaadin-grid .items=${this._jobs} theme="no-border row-stripes compact" all-rows-visible>
                <vaadin-grid-column header="Id" auto-width
                    ${columnBodyRenderer(j => html`<a href="#" class="job-link" data-job-id=${j.id}
                        @click=${e => { e.preventDefault(); this._open(j.id); }}><code>${j.id}</code></a>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Type" auto-width ${columnBodyRenderer(j => html`<code>${j.type}</code>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Queue" path="queue" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="State" auto-width
                    ${columnBodyRenderer(j => html`<span class="job-state state-${j.state}" data-job-id=${j.id}>${j.state}</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Attempt" auto-width ${columnBodyRenderer(j => html`${j.attempt} / ${j.maxAttempts}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Run at" path="runAt" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Last error" flex-grow="1"
                    ${columnBodyRenderer(j => j.lastError ? html`<span class="error" title=${j.lastError}>${j.lastError}</span>` : '', [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }

    _renderEnqueue() {
        const typeItems = handlers.map(h => ({ label: h.type, value: h.type }));
        const handler = handlers.find(h => h.type === this._enqueueType);
        return html`
            <vaadin-details summary="Enqueue a job" id="enqueue-details">
                <div class="enqueue">
                    <div class="enqueue-row">
                        <vaadin-select id="enqueue-type" label="Type" .items=${typeItems} .value=${this._enqueueType}
                            @value-changed=${e => { this._enqueueType = e.detail.value; }}></vaadin-select>
                        <vaadin-text-field id="enqueue-queue" label="Queue" placeholder=${handler ? handler.queue : ''}
                            helper-text="empty: the handler's queue" .value=${this._enqueueQueue}
                            @value-changed=${e => { this._enqueueQueue = e.detail.value; }}></vaadin-text-field>
                    </div>
                    <vaadin-text-area id="enqueue-payload" label="Payload (JSON)"
                        helper-text=${handler && handler.payloadType ? `read as ${handler.payloadType}` : 'this handler takes no payload: leave it empty'}
                        .value=${this._payload} @value-changed=${e => { this._payload = e.detail.value; }}></vaadin-text-area>
                    <div class="enqueue-row">
                        <vaadin-button id="enqueue" theme="primary" @click=${() => this._enqueue()}>Enqueue</vaadin-button>
                        ${this._enqueueResult ? html`<span id="enqueue-result" class=${this._enqueueResult.success ? 'ok' : 'error'}>${this._enqueueResult.message}</span>` : ''}
                    </div>
                </div>
            </vaadin-details>`;
    }

    _filter(field, value) {
        if (this[field] !== value) {
            this[field] = value;
            this._load();
        }
    }

    _load() {
        this.jsonRpc.listJobs({ state: this._state, queue: this._queue, type: this._type, limit: 200 })
            .then(response => {
                const list = response.result;
                this._message = list.success ? null : list.message;
                this._jobs = list.jobs;
            })
            .catch(e => { this._message = 'Cannot list jobs: ' + errorText(e); });
    }

    _open(id) {
        if (!id || !id.trim()) {
            return;
        }
        this.jsonRpc.getJob({ id: id.trim() })
            .then(response => {
                const lookup = response.result;
                this._job = lookup.success ? lookup.job : null;
                this._jobMessage = lookup.success ? null : lookup.message;
            })
            .catch(e => { this._jobMessage = 'Cannot read the job: ' + errorText(e); });
    }

    _onAction(e) {
        const { action, id } = e.detail;
        if (action === 'close') {
            this._job = null;
            return;
        }
        if (action === 'reload') {
            this._open(id);
            return;
        }
        const call = { replay: 'replayJob', cancel: 'cancelJob', delete: 'deleteJob' }[action];
        this.jsonRpc[call]({ id })
            .then(response => {
                notifyOutcome(response.result);
                if (action === 'delete' && response.result.success) {
                    this._job = null;
                } else {
                    this._open(id);
                }
                this._load();
            })
            .catch(e => notifier.showErrorMessage(errorText(e)));
    }

    _enqueue() {
        this.jsonRpc.enqueueJob({ type: this._enqueueType, payload: this._payload, queue: this._enqueueQueue })
            .then(response => {
                this._enqueueResult = response.result;
                notifyOutcome(response.result);
                if (response.result.success) {
                    this._load();
                }
            })
            .catch(e => { this._enqueueResult = { success: false, message: errorText(e) }; });
    }
}
customElements.define('qwc-job-queue-jobs', QwcJobQueueJobs);
