import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import HEALTH_SCORE from '@salesforce/schema/Account.Health_Score__c';
import HEALTH_BAND from '@salesforce/schema/Account.Health_Band__c';
import HEALTH_DRIVERS from '@salesforce/schema/Account.Health_Drivers__c';
import HEALTH_UPDATED from '@salesforce/schema/Account.Health_Updated__c';
import CHURN_RISK from '@salesforce/schema/Account.Churn_Risk__c';
import EXPANSION_PROPENSITY from '@salesforce/schema/Account.Expansion_Propensity__c';
import { parseDrivers } from './drivers';

// Churn risk and expansion propensity are optional: healthsync writes them only once a model is promoted,
// and a profile without access to them still sees the score.
const FIELDS = [HEALTH_SCORE, HEALTH_BAND, HEALTH_DRIVERS, HEALTH_UPDATED];
const OPTIONAL_FIELDS = [CHURN_RISK, EXPANSION_PROPENSITY];

// Half-circle gauge: an arc of radius 40 around (50, 50); its length is pi * r.
const ARC_LENGTH = Math.PI * 40;
const BANDS = {
    Red: { className: 'gauge-value band-red', badge: 'slds-badge slds-theme_error' },
    Yellow: { className: 'gauge-value band-yellow', badge: 'slds-badge slds-theme_warning' },
    Green: { className: 'gauge-value band-green', badge: 'slds-badge slds-theme_success' }
};
const UNKNOWN_BAND = { className: 'gauge-value band-unknown', badge: 'slds-badge' };

export default class AccountHealth extends LightningElement {
    @api recordId;
    /** Design attribute: link template with {accountId}; empty means no link. */
    @api healthsyncUrl;

    record;
    error;

    @wire(getRecord, { recordId: '$recordId', fields: FIELDS, optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }) {
        this.record = data;
        this.error = error;
    }

    get loading() {
        return !this.record && !this.error;
    }

    get errorMessage() {
        if (!this.error) {
            return undefined;
        }
        const body = this.error.body;
        if (Array.isArray(body)) {
            return body.map((e) => e.message).join(', ');
        }
        return (body && body.message) || this.error.message || 'Unknown error';
    }

    get score() {
        const value = this.record ? getFieldValue(this.record, HEALTH_SCORE) : null;
        return value === null || value === undefined ? null : Math.round(value);
    }

    get hasScore() {
        return this.score !== null;
    }

    get noScore() {
        return !!this.record && !this.hasScore;
    }

    get band() {
        return getFieldValue(this.record, HEALTH_BAND);
    }

    get bandStyle() {
        return BANDS[this.band] || UNKNOWN_BAND;
    }

    get gaugeClass() {
        return this.bandStyle.className;
    }

    get bandBadgeClass() {
        return this.bandStyle.badge;
    }

    get gaugeDashArray() {
        const filled = (Math.min(Math.max(this.score, 0), 100) / 100) * ARC_LENGTH;
        return `${filled.toFixed(2)} ${ARC_LENGTH.toFixed(2)}`;
    }

    get gaugeLabel() {
        return `Health score ${this.score} out of 100${this.band ? ', band ' + this.band : ''}`;
    }

    get churnRisk() {
        return percentText(getFieldValue(this.record, CHURN_RISK));
    }

    get expansionPropensity() {
        return percentText(getFieldValue(this.record, EXPANSION_PROPENSITY));
    }

    get hasProbabilities() {
        return this.churnRisk !== null || this.expansionPropensity !== null;
    }

    get drivers() {
        return parseDrivers(getFieldValue(this.record, HEALTH_DRIVERS));
    }

    get hasDrivers() {
        return this.drivers.length > 0;
    }

    get updated() {
        return getFieldValue(this.record, HEALTH_UPDATED);
    }

    get healthsyncLink() {
        const template = (this.healthsyncUrl || '').trim();
        if (!template || !/^https:\/\//i.test(template)) {
            return null;
        }
        return template.replace('{accountId}', encodeURIComponent(this.recordId));
    }
}

// Percent fields hold 0-100 (healthsync writes a rounded probability times 100).
function percentText(value) {
    return value === null || value === undefined ? null : `${Math.round(value)}%`;
}
