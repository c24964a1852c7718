package io.healthsync.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Plausible, unique company and people names for the synthetic org, with an Industry that fits the name. */
final class CompanyNames {

    private static final List<String> STEMS = List.of("North", "Blue", "Summit", "Cedar", "Iron", "Bright",
            "Harbor", "Silver", "Red", "Granite", "Pioneer", "Atlas", "Evergreen", "Beacon", "Crescent", "Falcon",
            "Horizon", "Keystone", "Lumen", "Meridian", "Nova", "Orchard", "Pinnacle", "Ridge", "Sterling",
            "Tidal", "Union", "Vertex", "Willow", "Apex", "Bay", "Canyon", "Delta", "Ember", "Frontier", "Golden",
            "Highland", "Juniper", "Lake", "Maple", "Oak", "Prairie", "River", "Stone", "Timber", "Vista", "West",
            "Zenith", "Copper", "Aspen", "Birch", "Coastal", "Eagle", "Fox", "Hawk", "Monarch", "Pacific", "Quill");
    private static final List<String> ENDINGS = List.of("wind", "field", "gate", "point", "stone", "bridge",
            "line", "works", "light", "path", "view", "crest", "wood", "brook", "forge", "peak", "shore", "way",
            "port", "stack");
    /** A business word and the Industry picklist value it implies. */
    private static final List<String[]> TRADES = List.of(
            new String[] {"Logistics", "Transportation"}, new String[] {"Freight", "Transportation"},
            new String[] {"Analytics", "Technology"}, new String[] {"Software", "Technology"},
            new String[] {"Systems", "Technology"}, new String[] {"Labs", "Technology"},
            new String[] {"Health", "Healthcare"}, new String[] {"Medical", "Healthcare"},
            new String[] {"Foods", "Food & Beverage"}, new String[] {"Brewing", "Food & Beverage"},
            new String[] {"Manufacturing", "Manufacturing"}, new String[] {"Industries", "Manufacturing"},
            new String[] {"Bank", "Banking"}, new String[] {"Capital", "Finance"},
            new String[] {"Insurance", "Insurance"}, new String[] {"Media", "Media"},
            new String[] {"Energy", "Energy"}, new String[] {"Solar", "Energy"},
            new String[] {"Retail", "Retail"}, new String[] {"Outfitters", "Retail"},
            new String[] {"Telecom", "Telecommunications"}, new String[] {"Construction", "Construction"},
            new String[] {"Consulting", "Consulting"}, new String[] {"Partners", "Consulting"},
            new String[] {"Biotech", "Biotechnology"}, new String[] {"Hotels", "Hospitality"},
            new String[] {"Learning", "Education"}, new String[] {"Studios", "Entertainment"},
            new String[] {"Engineering", "Engineering"}, new String[] {"Electronics", "Electronics"});
    private static final List<String> SUFFIXES = List.of("", "", "", "", " Inc.", " LLC", " Corp", " Group",
            " Co.", " Ltd", " Holdings");
    private static final List<String> FIRST_NAMES = List.of("Maya", "Liam", "Priya", "Noah", "Sofia", "Ethan",
            "Amara", "Lucas", "Chloe", "Mateo", "Hannah", "Omar", "Grace", "Daniel", "Aisha", "Jonas", "Elena",
            "Kenji", "Rosa", "Marcus", "Ingrid", "Tariq", "Leah", "Samuel", "Nina", "Victor", "Zoe", "Diego",
            "Freya", "Andre");
    private static final List<String> LAST_NAMES = List.of("Chen", "Okafor", "Patel", "Larsen", "Garcia",
            "Nguyen", "Schmidt", "Kowalski", "Haddad", "Brennan", "Tanaka", "Silva", "Moreau", "Johansson",
            "Ibrahim", "Rossi", "Walsh", "Novak", "Mendes", "Fischer", "Ortega", "Kim", "Dubois", "Reyes",
            "Hughes", "Bauer", "Costa", "Adeyemi", "Lindqvist", "Murphy");

    private final SplittableRandom random;
    private final Set<String> usedCompanies = new HashSet<>();
    private final Set<String> usedPeople = new HashSet<>();

    CompanyNames(SplittableRandom random) {
        this.random = random;
    }

    /** A company: [name, industry]. */
    String[] nextCompany() {
        for (int attempt = 0; ; attempt++) {
            String[] trade = pick(TRADES);
            String stem = pick(STEMS);
            String base = random.nextInt(3) == 0 ? stem : stem + pick(ENDINGS);
            String name = base + " " + trade[0] + pick(SUFFIXES);
            if (attempt > 20) {
                name = name + " " + (usedCompanies.size() + 1);
            }
            if (usedCompanies.add(name)) {
                return new String[] {name, trade[1]};
            }
        }
    }

    /** A person: [first, last]. */
    String[] nextPerson() {
        for (int attempt = 0; ; attempt++) {
            String first = pick(FIRST_NAMES);
            String last = pick(LAST_NAMES);
            if (usedPeople.add(first + " " + last) || attempt > 50) {
                return new String[] {first, last};
            }
        }
    }

    static String websiteOf(String company) {
        String slug = company.toLowerCase().replaceAll("\\b(inc|llc|corp|group|co|ltd|holdings)\\b", "")
                .replaceAll("[^a-z0-9]+", "");
        return "www." + slug + ".example";
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
