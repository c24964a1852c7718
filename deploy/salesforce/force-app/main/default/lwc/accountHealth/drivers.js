// Reads the Health Drivers text as healthsync's writeback formats it: drivers separated by "; ", each ending in
// its signed points, e.g. "No touch in 45 days (-12 pts); Segment SMB (+3 pts)". Parts without points are notes
// (stale data, signals without data), shown as they are.
const SEPARATOR = '; ';
const POINTS = /^(.*) \(([+-])(\d+) pts?\)$/;

export function parseDrivers(text) {
    if (!text) {
        return [];
    }
    return text
        .split(SEPARATOR)
        .map((part) => part.trim())
        .filter((part) => part.length > 0)
        .map((part, index) => {
            const match = POINTS.exec(part);
            if (!match) {
                return { key: `note-${index}`, label: part, isNote: true };
            }
            const points = Number(match[3]) * (match[2] === '-' ? -1 : 1);
            const positive = points > 0;
            return {
                key: `driver-${index}`,
                label: match[1],
                points,
                pointsText: `${positive ? '+' : '\u2212'}${Math.abs(points)}`,
                assistiveText: `${positive ? 'raised' : 'lowered'} the score by ${Math.abs(points)} ${Math.abs(points) === 1 ? 'point' : 'points'}`,
                isNote: false,
                badgeClass: positive ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_error'
            };
        });
}
