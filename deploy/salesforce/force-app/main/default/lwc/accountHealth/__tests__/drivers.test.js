import { parseDrivers } from '../drivers';

describe('parseDrivers', () => {
    it('reads the writeback format: drivers separated by "; ", each with its signed points', () => {
        const drivers = parseDrivers('Tickets: 4 in 30 days vs 1 the 30 before (-1 pt); Segment SMB (+3 pts)');
        expect(drivers.map((d) => [d.label, d.points, d.pointsText])).toEqual([
            ['Tickets: 4 in 30 days vs 1 the 30 before', -1, '\u22121'],
            ['Segment SMB', 3, '+3']
        ]);
        expect(drivers[0].assistiveText).toBe('lowered the score by 1 point');
    });

    it('keeps parts without points as notes and reads empty text as no drivers', () => {
        expect(parseDrivers('No data, not scored: usage')).toEqual([
            { key: 'note-0', label: 'No data, not scored: usage', isNote: true }
        ]);
        expect(parseDrivers('')).toEqual([]);
        expect(parseDrivers(null)).toEqual([]);
    });
});
