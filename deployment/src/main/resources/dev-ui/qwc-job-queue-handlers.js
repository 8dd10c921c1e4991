import { LitElement, html, css } from 'lit';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import { handlers } from 'build-time-data';
import '@vaadin/grid';

/**
 * The handlers the build found: type, bean and method, queue, attempts, and the schedule and limits where present.
 * Build-time data: it changes when the application is rebuilt (a live reload), not while it runs.
 */
export class QwcJobQueueHandlers extends LitElement {

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; }
        vaadin-grid { height: 100%; }
        code { font-size: 85%; }
        .muted { color: var(--lumo-contrast-50pct); }
    `;

    render() {
        if (!handlers || handlers.length === 0) {
            return html`<p>No @JobHandler methods in this application.</p>`;
        }
        return html`
            <vaadin-grid .items=${handlers} theme="no-border row-stripes" all-rows-visible>
                <vaadin-grid-column header="Type" auto-width
                    ${columnBodyRenderer(h => html`<code class="handler-type">${h.type}</code>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Bean and method" auto-width
                    ${columnBodyRenderer(h => html`<code title=${h.method}>${this._simple(h.method)}</code>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Queue" path="queue" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Max attempts" auto-width
                    ${columnBodyRenderer(h => this._attempts(h), [])}></vaadin-grid-column>
                <vaadin-grid-column header="Payload" auto-width
                    ${columnBodyRenderer(h => this._payload(h), [])}></vaadin-grid-column>
                <vaadin-grid-column header="Recurring" auto-width
                    ${columnBodyRenderer(h => h.recurring ? html`<code>${h.recurring}</code>` : html`<span class="muted">no</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Limits" auto-width
                    ${columnBodyRenderer(h => this._limits(h), [])}></vaadin-grid-column>
                <vaadin-grid-column header="Timeout" auto-width
                    ${columnBodyRenderer(h => h.timeout ? html`<code>${h.timeout}</code>` : html`<span class="muted">default</span>`, [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }

    _attempts(handler) {
        return handler.maxAttempts > 0
            ? html`${handler.maxAttempts}`
            : html`<span class="muted" title="quarkus.job-queue.retry.max-attempts">default</span>`;
    }

    _payload(handler) {
        if (!handler.payloadType) {
            return html`<span class="muted">none</span>`;
        }
        return html`<code title=${handler.payloadType}>${this._simple(handler.payloadType)}</code>${handler.version > 1 ? html` <span class="muted">v${handler.version}</span>` : ''}`;
    }

    /** A class name without its package (the full name is the tooltip), generics included. */
    _simple(name) {
        return name.replace(/([a-z_$][\w$]*\.)+/g, '');
    }

    _limits(handler) {
        const limits = [];
        if (handler.maxConcurrency > 0) {
            limits.push(`at most ${handler.maxConcurrency} running`);
        }
        if (handler.rateLimit > 0) {
            limits.push(`${handler.rateLimit} starts per ${handler.ratePeriod}`);
        }
        return limits.length ? html`${limits.join(', ')}` : html`<span class="muted">none</span>`;
    }
}
customElements.define('qwc-job-queue-handlers', QwcJobQueueHandlers);
