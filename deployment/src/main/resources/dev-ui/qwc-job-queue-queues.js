import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';

const STATES = ['SCHEDULED', 'PENDING', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'DEAD', 'CANCELLED'];

/** The number of jobs per state of every queue, refreshed every second while the page is open. */
export class QwcJobQueueQueues extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 8px; height: 100%; padding: 0 10px; }
        .muted { color: var(--lumo-contrast-50pct); }
        .dead { color: var(--lumo-error-text-color); font-weight: bold; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _stats: { state: true },
        _updatedAt: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._stream = this.jsonRpc.streamQueueStats().onNext(response => {
            if (response.error) {
                this._error = response.error.message;
                return;
            }
            this._error = null;
            this._stats = response.result;
            this._updatedAt = new Date().toLocaleTimeString();
        });
    }

    disconnectedCallback() {
        if (this._stream) {
            this._stream.cancel();
        }
        super.disconnectedCallback();
    }

    render() {
        if (this._error) {
            return html`<p class="error">Cannot read the queues: ${this._error}</p>`;
        }
        if (!this._stats) {
            return html`<p>Counting jobs...</p>`;
        }
        return html`
            <span class="muted">Live: updated every second, last at <span id="updated-at">${this._updatedAt}</span></span>
            <vaadin-grid .items=${this._stats} theme="no-border row-stripes" all-rows-visible>
                <vaadin-grid-column header="Queue" auto-width
                    ${columnBodyRenderer(s => !s.queue ? html`<b>all queues</b>` : html`<code>${s.queue}</code>`, [])}></vaadin-grid-column>
                ${STATES.map(state => html`
                    <vaadin-grid-column header=${state} text-align="end" auto-width
                        ${columnBodyRenderer(s => this._count(s, state), [])}></vaadin-grid-column>`)}
                <vaadin-grid-column header="Total" text-align="end" auto-width
                    ${columnBodyRenderer(s => html`<b>${s.total}</b>`, [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }

    _count(stats, state) {
        const count = stats.counts[state] || 0;
        if (count === 0) {
            return html`<span class="muted">0</span>`;
        }
        return state === 'DEAD' ? html`<span class="dead">${count}</span>` : html`${count}`;
    }
}
customElements.define('qwc-job-queue-queues', QwcJobQueueQueues);
