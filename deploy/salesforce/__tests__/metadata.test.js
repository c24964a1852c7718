// The metadata here must cover what healthsync writes by default (fields.yaml's account.write and the playbooks'
// Healthsync_Key__c), and the permission sets must give exactly the access each user needs.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', 'force-app', 'main', 'default');
const FIELDS_YAML = path.join(__dirname, '..', '..', '..', 'mappings', 'src', 'main', 'resources', 'io', 'healthsync',
    'defaults', 'fields.yaml');

function writtenAccountFields() {
    const lines = fs.readFileSync(FIELDS_YAML, 'utf8').split('\n');
    const start = lines.findIndex((line) => /^ {2}write:/.test(line));
    const fields = [];
    for (const line of lines.slice(start + 1)) {
        if (/^\S/.test(line) || /^ {2}\S/.test(line)) {
            break;
        }
        const match = /^ {4}[a-z_]+:\s*([A-Za-z0-9_]+__c)/.exec(line);
        if (match) {
            fields.push(match[1]);
        }
    }
    return fields;
}

const WRITTEN = [...writtenAccountFields().map((f) => `Account.${f}`), 'Task.Healthsync_Key__c', 'Opportunity.Healthsync_Key__c'];

function fieldFile(qualified) {
    const [object, field] = qualified.split('.');
    const folder = object === 'Task' ? 'Activity' : object; // a Task custom field is an activity field in SFDX
    return path.join(ROOT, 'objects', folder, 'fields', `${field}.field-meta.xml`);
}

function fieldPermissions(permissionSet) {
    const xml = fs.readFileSync(path.join(ROOT, 'permissionsets', `${permissionSet}.permissionset-meta.xml`), 'utf8');
    const permissions = {};
    for (const m of xml.matchAll(/<fieldPermissions><field>([^<]+)<\/field><readable>(\w+)<\/readable><editable>(\w+)<\/editable><\/fieldPermissions>/g)) {
        permissions[m[1]] = { readable: m[2] === 'true', editable: m[3] === 'true' };
    }
    return { xml, permissions };
}

describe('Salesforce metadata', () => {
    it('reads the six Account fields fields.yaml writes by default', () => {
        expect(WRITTEN).toHaveLength(8);
    });

    it.each(WRITTEN)('has a labelled, described field for %s', (qualified) => {
        const xml = fs.readFileSync(fieldFile(qualified), 'utf8');
        expect(xml).toContain(`<fullName>${qualified.split('.')[1]}</fullName>`);
        expect(xml).toMatch(/<label>[^<]+<\/label>/);
        expect(xml).toMatch(/<description>[^<]+<\/description>/);
        expect(xml).toMatch(/<type>(Number|Picklist|Text|DateTime|Percent)<\/type>/);
    });

    it('lets the integration user read and edit every field it writes, and use the API', () => {
        const { xml, permissions } = fieldPermissions('Healthsync_Integration');
        expect(Object.keys(permissions).sort()).toEqual([...WRITTEN].sort());
        Object.values(permissions).forEach((p) => expect(p).toEqual({ readable: true, editable: true }));
        expect(xml).toContain('<name>ApiEnabled</name>');
        expect(xml).toContain('<name>EditTask</name>');
        expect(xml).not.toContain('<allowDelete>true</allowDelete>');
        expect(xml).not.toContain('<modifyAllRecords>true</modifyAllRecords>');
    });

    it('lets CSMs read every field and edit none', () => {
        const { xml, permissions } = fieldPermissions('Healthsync_CSM_Read');
        expect(Object.keys(permissions).sort()).toEqual([...WRITTEN].sort());
        Object.values(permissions).forEach((p) => expect(p).toEqual({ readable: true, editable: false }));
        expect(xml).not.toContain('<objectPermissions>');
        expect(xml).not.toContain('<userPermissions>');
    });
});
