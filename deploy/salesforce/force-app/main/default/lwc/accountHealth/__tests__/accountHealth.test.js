import { createElement } from 'lwc';
import AccountHealth from 'c/accountHealth';
import { getRecord } from 'lightning/uiRecordApi';

// A record as Lightning Data Service delivers it: each field as { value, displayValue }.
function account(fields) {
    const wrapped = {};
    Object.entries(fields).forEach(([name, value]) => {
        wrapped[name] = { value, displayValue: null };
    });
    return { apiName: 'Account', id: '001000000000001AAA', fields: wrapped };
}

const SCORED = {
    Health_Score__c: 42,
    Health_Band__c: 'Yellow',
    Health_Drivers__c: 'No touch in 45 days (-12 pts); Segment SMB (+3 pts); Support data stale (last complete pull 2026-11-30)',
    Health_Updated__c: '2026-12-01T06:00:00.000Z',
    Churn_Risk__c: 31,
    Expansion_Propensity__c: 8
};

function mount(props = {}) {
    const element = createElement('c-account-health', { is: AccountHealth });
    Object.assign(element, { recordId: '001000000000001AAA' }, props);
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));

describe('c-account-health', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('asks Lightning Data Service for the health fields of this account', async () => {
        mount();
        await Promise.resolve();
        const config = getRecord.getLastConfig();
        expect(config.recordId).toBe('001000000000001AAA');
        expect(config.fields.map((f) => f.fieldApiName)).toEqual(
            expect.arrayContaining(['Health_Score__c', 'Health_Band__c', 'Health_Drivers__c', 'Health_Updated__c']));
        expect(config.optionalFields.map((f) => f.fieldApiName)).toEqual(['Churn_Risk__c', 'Expansion_Propensity__c']);
    });

    it('shows the score as a labelled gauge, the band, the probabilities, the drivers with signed points and the update time', async () => {
        const element = mount();
        getRecord.emit(account(SCORED));
        await Promise.resolve();

        const gauge = $(element, 'svg.gauge');
        expect(gauge.getAttribute('role')).toBe('img');
        expect(gauge.getAttribute('aria-label')).toBe('Health score 42 out of 100, band Yellow');
        expect($(element, 'path.gauge-value').getAttribute('stroke-dasharray')).toBe('52.78 125.66');
        expect($(element, '[data-id="band"]').textContent).toBe('Yellow');
        expect($(element, '[data-id="churn"]').textContent).toBe('31%');
        expect($(element, '[data-id="expansion"]').textContent).toBe('8%');

        const drivers = $$(element, 'li.driver');
        expect(drivers).toHaveLength(3);
        expect(drivers[0].textContent).toContain('No touch in 45 days');
        expect(drivers[0].textContent).toContain('\u221212');
        expect(drivers[0].textContent).toContain('lowered the score by 12 points');
        expect(drivers[0].querySelector('.slds-badge').className).toContain('slds-theme_error');
        expect(drivers[1].textContent).toContain('+3');
        expect(drivers[1].querySelector('.slds-badge').className).toContain('slds-theme_success');
        expect(drivers[2].textContent).toBe('Support data stale (last complete pull 2026-11-30)');
        expect(drivers[2].querySelector('.slds-badge')).toBeNull();

        expect($(element, 'lightning-formatted-date-time').value).toBe('2026-12-01T06:00:00.000Z');
        expect($(element, '.no-score')).toBeNull();
        expect($(element, '[role="alert"]')).toBeNull();
    });

    it.each([
        ['Red', 12, 'band-red', 'slds-theme_error'],
        ['Yellow', 55, 'band-yellow', 'slds-theme_warning'],
        ['Green', 88, 'band-green', 'slds-theme_success']
    ])('colours the gauge and the badge of band %s', async (band, score, gaugeClass, badgeClass) => {
        const element = mount();
        getRecord.emit(account({ ...SCORED, Health_Score__c: score, Health_Band__c: band }));
        await Promise.resolve();

        expect($(element, 'path.gauge-value').getAttribute('class')).toContain(gaugeClass);
        expect($(element, '[data-id="band"]').className).toContain(badgeClass);
        expect($(element, 'svg.gauge').getAttribute('aria-label')).toBe(`Health score ${score} out of 100, band ${band}`);
    });

    it('says there is no score yet when healthsync has not written one', async () => {
        const element = mount();
        getRecord.emit(account({ Health_Score__c: null, Health_Band__c: null, Health_Drivers__c: null, Health_Updated__c: null }));
        await Promise.resolve();

        expect($(element, '.no-score').textContent).toContain('No health score yet');
        expect($(element, 'svg.gauge')).toBeNull();
        expect($(element, 'li.driver')).toBeNull();
    });

    it('leaves out churn risk and expansion propensity until a model writes them', async () => {
        const element = mount();
        getRecord.emit(account({ ...SCORED, Churn_Risk__c: null, Expansion_Propensity__c: null }));
        await Promise.resolve();

        expect($(element, 'svg.gauge')).not.toBeNull();
        expect($(element, '[data-id="churn"]')).toBeNull();
        expect($(element, '[data-id="expansion"]')).toBeNull();
    });

    it('shows the wire adapter error in an alert instead of a score', async () => {
        const element = mount();
        getRecord.error({ message: 'You do not have access to the Health Score field' }, 403, 'Forbidden');
        await Promise.resolve();

        const alert = $(element, '[role="alert"]');
        expect(alert.textContent).toContain('You do not have access to the Health Score field');
        expect($(element, 'svg.gauge')).toBeNull();
        expect($(element, '.no-score')).toBeNull();
    });

    it('links to the account in healthsync only when an https URL is configured', async () => {
        const withLink = mount({ healthsyncUrl: 'https://healthsync.acme.com/accounts/{accountId}' });
        getRecord.emit(account(SCORED));
        await Promise.resolve();
        const link = $(withLink, 'a[data-id="link"]');
        expect(link.href).toBe('https://healthsync.acme.com/accounts/001000000000001AAA');
        expect(link.textContent).toContain('opens in a new tab');

        document.body.removeChild(withLink);
        const withoutLink = mount();
        getRecord.emit(account(SCORED));
        await Promise.resolve();
        expect($(withoutLink, 'a[data-id="link"]')).toBeNull();

        document.body.removeChild(withoutLink);
        const unsafe = mount({ healthsyncUrl: 'javascript:alert(1)' });
        getRecord.emit(account(SCORED));
        await Promise.resolve();
        expect($(unsafe, 'a[data-id="link"]')).toBeNull();
    });
});
