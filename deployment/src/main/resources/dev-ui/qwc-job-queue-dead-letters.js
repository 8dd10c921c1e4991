import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import { notifyOutcome, errorText } from './job-queue-messages.js';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-selection-column.js';
import '@vaadin/button';
import '@vaadin/icon';
import './qwc-job-queue-job-detail.js';

/**
 * The dead jobs, newest first: each can be opened, replayed or deleted, and a selection of them replayed or deleted
 * at once. The extension never deletes a dead job by itself.
 */
export class QwcJobQueueDeadLetters extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 8px; padding: 0 10px; }
        .toolbar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
        .error { color: var(--lumo-error-text-color); }
        .muted { color: var(--lumo-contrast-50pct); }
        code { font-size: 85%; }
    `;

    static properties = {
        _jobs: { state: true },
        _selected: { state: true },
        _message: { state: true },
        _job: { state: true },
        _confirmDelete: { state: true }
    };

    constructor() {
        super();
        this._selected = [];
        this._confirmDelete = false;
    }

    connectedCallback() {
        super.connectedCallback();
        this._load();
    }

    render() {
        return html`
            <div class="toolbar">
                <vaadin-button id="refresh" @click=${() => this._load()}>
                    <vaadin-icon icon="font-awesome-solid:rotate"></vaadin-icon> Refresh</vaadin-button>
                <vaadin-button id="replay-selected" theme="primary" ?disabled=${this._selected.length === 0}
                    @click=${() => this._bulk('replayJobs')}>
                    <vaadin-icon icon="font-awesome-solid:play"></vaadin-icon> Replay selected (${this._selected.length})</vaadin-button>
                <vaadin-button id="delete-selected" theme=${this._confirmDelete ? 'primary error' : 'error'}
                    ?disabled=${this._selected.length === 0} @click=${() => this._deleteSelected()}>
                    <vaadin-icon icon="font-awesome-solid:trash"></vaadin-icon>
                    ${this._confirmDelete ? `Click again to delete ${this._selected.length} job(s) for good` : `Delete selected (${this._selected.length})`}</vaadin-button>
                ${this._message ? html`<span class="error" id="message">${this._message}</span>` : ''}
            </div>
            ${this._job ? html`<qwc-job-queue-job-detail .job=${this._job} @job-action=${this._onAction}></qwc-job-queue-job-detail>` : ''}
            ${this._renderGrid()}`;
    }

    _renderGrid() {
        if (!this._jobs) {
            return html`<p>Loading dead letters...</p>`;
        }
        if (this._jobs.length === 0) {
            return html`<p class="muted" id="no-dead-jobs">No dead jobs.</p>`;
        }
        return html`
            <vaadin-grid id="dead-jobs" .items=${this._jobs} item-id-path="id"
                theme="no-border row-stripes compact" all-rows-visible
                @selected-items-changed=${e => this._selectionChanged(e.detail.value)}>
                <vaadin-grid-selection-column auto-select></vaadin-grid-selection-column>
                <vaadin-grid-column header="Id" auto-width
                    ${columnBodyRenderer(j => html`<a href="#" class="job-link" data-job-id=${j.id}
                        @click=${e => { e.preventDefault(); this._open(j.id); }}><code>${j.id}</code></a>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Type" auto-width
                    ${columnBodyRenderer(j => html`<code class="dead-type" data-job-id=${j.id}>${j.type}</code>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Queue" path="queue" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Attempts" auto-width ${columnBodyRenderer(j => html`${j.attempt} / ${j.maxAttempts}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Died" path="finishedAt" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Last error" flex-grow="1"
                    ${columnBodyRenderer(j => html`<span class="error" title=${j.lastError ?? ''}>${j.lastError}</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="" auto-width
                    ${columnBodyRenderer(j => html`<vaadin-button theme="small primary" class="replay" data-job-id=${j.id}
                        data-job-type=${j.type} @click=${() => this._replay(j.id)}>Replay</vaadin-button>`, [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }

    /** Only the grid sets its selection (binding it back would loop); a new list clears it. */
    _selectionChanged(selected) {
        const ids = selected.map(j => j.id).join();
        if (ids !== this._selected.map(j => j.id).join()) {
            this._selected = [...selected];
            this._confirmDelete = false;
        }
    }

    _load() {
        this.jsonRpc.listDeadJobs({ limit: 500 })
            .then(response => {
                const list = response.result;
                this._message = list.success ? null : list.message;
                this._jobs = list.jobs;
                this._clearSelection();
            })
            .catch(e => { this._message = 'Cannot list dead jobs: ' + errorText(e); });
    }

    _open(id) {
        this.jsonRpc.getJob({ id })
            .then(response => {
                const lookup = response.result;
                this._job = lookup.success ? lookup.job : null;
                this._message = lookup.success ? null : lookup.message;
            })
            .catch(e => { this._message = 'Cannot read the job: ' + errorText(e); });
    }

    _replay(id) {
        this._act('replayJob', id);
    }

    _onAction(e) {
        const { action, id } = e.detail;
        if (action === 'close') {
            this._job = null;
        } else if (action === 'reload') {
            this._open(id);
        } else {
            this._act({ replay: 'replayJob', cancel: 'cancelJob', delete: 'deleteJob' }[action], id);
        }
    }

    _act(method, id) {
        this.jsonRpc[method]({ id })
            .then(response => {
                notifyOutcome(response.result);
                if (this._job && this._job.id === id) {
                    this._open(id);
                }
                this._load();
            })
            .catch(e => notifier.showErrorMessage(errorText(e)));
    }

    _deleteSelected() {
        if (!this._confirmDelete) {
            this._confirmDelete = true;
            return;
        }
        this._confirmDelete = false;
        this._bulk('deleteJobs');
    }

    _bulk(method) {
        const ids = this._selected.map(j => j.id);
        this.jsonRpc[method]({ ids })
            .then(response => {
                notifyOutcome(response.result);
                this._load();
            })
            .catch(e => notifier.showErrorMessage(errorText(e)));
    }

    _clearSelection() {
        const grid = this.shadowRoot.querySelector('#dead-jobs');
        if (grid) {
            grid.selectedItems = [];
        }
        this._selected = [];
        this._confirmDelete = false;
    }
}
customElements.define('qwc-job-queue-dead-letters', QwcJobQueueDeadLetters);
