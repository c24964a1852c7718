package io.healthsync.scoring.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The SHAP values {@code Booster.predictContrib} computes (path-dependent TreeSHAP, Lundberg et al. 2018), computed
 * faster for shallow trees: on 2 cores XGBoost takes about 10 s for 100k accounts of a 200-tree model, twice the
 * time allowed. Per leaf, TreeSHAP's answer depends on the account only through which of the leaf's path features
 * the account "follows" (meets every split of that feature on the path), so each leaf's contributions are
 * tabulated once, per such subset, at load (the precomputation of "Fast TreeSHAP v2", Yang 2021). The tables
 * follow from the leaf's value v and, per path feature j, the share z_j of the training cover that goes the path's
 * way at j's splits:
 * <pre>phi_i = v x (o_i - z_i) x sum over S in (followed features except i) of |S|! (d-|S|-1)! / d! x product of z_j over the path features in neither S nor {i}</pre>
 * with o_i 1 when the account follows feature i and d the number of distinct features on the path.
 *
 * <p>A tree's values for a row are therefore a function of the row's direction at each of the tree's splits (not
 * of the leaf it reaches: a leaf it misses still adds values that depend on which of its splits the row met). A
 * subtree's leaves depend only on the subtree's splits and its root's ancestors, so where those are at most
 * {@value #MAX_GROUP_BITS} the leaves' summed values are tabulated per pattern of directions: a depth-4 tree is
 * two such halves, two lookups per row instead of sixteen (see {@link Group}). A model with a path of more than
 * {@value #MAX_PATH_FEATURES} distinct features (deep trees) would need tables too large: {@link #of} declines it
 * and XGBoost computes the values. Tests check the values against predictContrib.
 */
final class TreeShap {

    static final int MAX_PATH_FEATURES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tree: its splits and its groups of leaves (see {@link Group}). */
    private record Tree(int[] feature, float[] threshold, boolean[] defaultLeft, int[] leftChild, int[] rightChild,
                        List<Group> groups) {
    }

    /**
     * @param pathNodes  internal nodes from the root to the leaf
     * @param pathLeft   whether the path goes left at each of them
     * @param pathSlot   the distinct-feature slot of each of them
     * @param features   the distinct features of the path, by slot
     * @param table      per subset mask of followed slots, per slot: the contribution ({@code mask * d + slot})
     */
    private record Leaf(int[] pathNodes, boolean[] pathLeft, int[] pathSlot, int[] features, double[] table) {
    }

    /**
     * Leaves whose summed contributions are tabulated together, per key: the key has one bit per condition, a
     * condition being a list of (node, direction), met when the row goes that way at all of them. A subtree's
     * group has one condition per node that decides any of its leaves' values (its root's ancestors and its
     * internal nodes: "goes left there"), so its key is the row's whole decision pattern as far as these leaves
     * can tell; a lone leaf's group has one condition per distinct path feature ("follows the path at every split
     * of it"), the leaf's own mask. Either way the entry is exactly what the leaves add for a row with that key.
     *
     * @param nodes    per condition, its nodes
     * @param left     per condition, the direction at each of its nodes
     * @param features the columns the entries give values to
     * @param table    per key, per feature: the summed contribution ({@code key * features.length + k})
     */
    private record Group(int[][] nodes, boolean[][] left, int[] features, double[] table) {
    }

    /** Rows explained together: each group's table is then read once per block while it stays in cache. */
    private static final int BLOCK_ROWS = 256;
    /** The most condition bits of a subtree's group: 2^8 keys, enough for a depth-4 tree in two halves. */
    static final int MAX_GROUP_BITS = 8;
    /** Subtree groups stop there (32 MB of tables); beyond, every leaf is its own group, as small as it gets. */
    private static final long MAX_TABLE_VALUES = 4_000_000;

    private final Tree[] trees;
    private final int width;
    private final double expectedTrees;
    // the groups of all trees flattened, for the inner loop: per group its key with every condition met, its split
    // tests (feature, threshold, default direction, 1 for the direction wanted, and its condition's key bit), its
    // features and its table
    private final int[] groupTestStart;
    private final int[] groupAllMet;
    private final int[] testBit;
    private final int[] testFeature;
    private final float[] testThreshold;
    private final int[] testDefaultLeft;
    private final int[] testWantLeft;
    private final int[] groupFeatureStart;
    private final int[] groupFeatures;
    private final int[] groupTableStart;
    private final double[] tables;

    private TreeShap(Tree[] trees, int width, double expectedTrees) {
        this.trees = trees;
        this.width = width;
        this.expectedTrees = expectedTrees;
        int groups = 0;
        int tests = 0;
        int features = 0;
        int table = 0;
        for (Tree tree : trees) {
            for (Group group : tree.groups) {
                groups++;
                for (int[] nodes : group.nodes) {
                    tests += nodes.length;
                }
                features += group.features.length;
                table += group.table.length;
            }
        }
        groupTestStart = new int[groups + 1];
        groupAllMet = new int[groups];
        testBit = new int[tests];
        testFeature = new int[tests];
        testThreshold = new float[tests];
        testDefaultLeft = new int[tests];
        testWantLeft = new int[tests];
        groupFeatureStart = new int[groups + 1];
        groupFeatures = new int[features];
        groupTableStart = new int[groups];
        tables = new double[table];
        int g = 0;
        tests = 0;
        features = 0;
        table = 0;
        for (Tree tree : trees) {
            for (Group group : tree.groups) {
                groupTestStart[g] = tests;
                groupAllMet[g] = (1 << group.nodes.length) - 1;
                for (int c = 0; c < group.nodes.length; c++) {
                    for (int t = 0; t < group.nodes[c].length; t++, tests++) {
                        int node = group.nodes[c][t];
                        testFeature[tests] = tree.feature[node];
                        testThreshold[tests] = tree.threshold[node];
                        testDefaultLeft[tests] = tree.defaultLeft[node] ? 1 : 0;
                        testWantLeft[tests] = group.left[c][t] ? 1 : 0;
                        testBit[tests] = c;
                    }
                }
                groupFeatureStart[g] = features;
                System.arraycopy(group.features, 0, groupFeatures, features, group.features.length);
                features += group.features.length;
                groupTableStart[g] = table;
                System.arraycopy(group.table, 0, tables, table, group.table.length);
                table += group.table.length;
                g++;
            }
        }
        groupTestStart[g] = tests;
        groupFeatureStart[g] = features;
    }

    /**
     * The first {@code rounds} trees of a booster saved as XGBoost's JSON model ({@code toByteArray("json")}), or
     * empty when the trees are too deep for tables or the model is not a single-output tree ensemble.
     */
    static Optional<TreeShap> of(byte[] jsonModel, int rounds, int width) {
        return of(jsonModel, rounds, width, MAX_GROUP_BITS);
    }

    /** @param groupBits the most condition bits of a subtree's group; 0: every leaf its own group (tests compare the two) */
    static Optional<TreeShap> of(byte[] jsonModel, int rounds, int width, int groupBits) {
        JsonNode model;
        try {
            model = JSON.readTree(jsonModel).path("learner").path("gradient_booster").path("model");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the booster's JSON: " + e.getMessage(), e);
        }
        JsonNode treesJson = model.path("trees");
        if (!treesJson.isArray() || treesJson.size() < rounds
                || !"1".equals(model.path("gbtree_model_param").path("num_parallel_tree").asText("1"))) {
            return Optional.empty();
        }
        int[][] lefts = new int[rounds][];
        int[][] rights = new int[rounds][];
        int[][] features = new int[rounds][];
        float[][] conditions = new float[rounds][];
        boolean[][] defaultLefts = new boolean[rounds][];
        Leaf[][] leaves = new Leaf[rounds][];
        double expected = 0;
        for (int t = 0; t < rounds; t++) {
            JsonNode tree = treesJson.get(t);
            int[] left = ints(tree.path("left_children"));
            int[] right = ints(tree.path("right_children"));
            int[] feature = ints(tree.path("split_indices"));
            float[] condition = floats(tree.path("split_conditions"));
            float[] cover = floats(tree.path("sum_hessian"));
            JsonNode defaults = tree.path("default_left");
            boolean[] defaultLeft = new boolean[left.length];
            for (int n = 0; n < left.length; n++) {
                defaultLeft[n] = defaults.get(n).asInt() != 0;
                if (left[n] >= 0 && (feature[n] < 0 || feature[n] >= width || tree.path("split_type").path(n).asInt(0) != 0)) {
                    return Optional.empty(); // a categorical split or a feature beyond the contract: XGBoost's own SHAP
                }
            }
            leaves[t] = new Leaf[left.length];
            if (!collect(0, new ArrayList<>(), new ArrayList<>(), left, right, feature, condition, cover, leaves[t])) {
                return Optional.empty();
            }
            lefts[t] = left;
            rights[t] = right;
            features[t] = feature;
            conditions[t] = condition;
            defaultLefts[t] = defaultLeft;
            expected += expectedValue(0, left, right, condition, cover);
        }
        Tree[] trees = new Tree[rounds];
        for (int bits : new int[] {groupBits, 0}) {
            long values = 0;
            for (int t = 0; t < rounds; t++) {
                List<Group> groups = new ArrayList<>();
                group(0, new ArrayList<>(), bits, lefts[t], rights[t], leaves[t], groups);
                trees[t] = new Tree(features[t], conditions[t], defaultLefts[t], lefts[t], rights[t], groups);
                values += groups.stream().mapToLong(group -> group.table.length).sum();
            }
            if (values <= MAX_TABLE_VALUES) {
                break;
            }
        }
        return Optional.of(new TreeShap(trees, width, expected));
    }

    /**
     * The groups of the subtree at {@code node}: the whole subtree when the nodes deciding its leaves' values (its
     * {@code ancestors} and its internal nodes) are at most {@code groupBits}, a lone leaf's own, else its children's.
     */
    private static void group(int node, List<Integer> ancestors, int groupBits, int[] left, int[] right, Leaf[] leaves,
                              List<Group> groups) {
        if (left[node] < 0) {
            groups.add(loneLeaf(leaves[node]));
            return;
        }
        List<Integer> subtree = new ArrayList<>();
        subtree(node, left, right, subtree);
        List<Integer> keyNodes = new ArrayList<>(ancestors);
        subtree.stream().filter(n -> left[n] >= 0).forEach(keyNodes::add);
        if (keyNodes.size() <= groupBits) {
            groups.add(subtreeGroup(keyNodes, subtree.stream().filter(n -> left[n] < 0).map(n -> leaves[n]).toList()));
            return;
        }
        ancestors.add(node);
        group(left[node], ancestors, groupBits, left, right, leaves, groups);
        group(right[node], ancestors, groupBits, left, right, leaves, groups);
        ancestors.remove(ancestors.size() - 1);
    }

    private static void subtree(int node, int[] left, int[] right, List<Integer> nodes) {
        nodes.add(node);
        if (left[node] >= 0) {
            subtree(left[node], left, right, nodes);
            subtree(right[node], left, right, nodes);
        }
    }

    /** One condition per distinct path feature: the key is the leaf's mask, the table the leaf's. */
    private static Group loneLeaf(Leaf leaf) {
        int d = leaf.features.length;
        int[][] nodes = new int[d][];
        boolean[][] left = new boolean[d][];
        for (int slot = 0; slot < d; slot++) {
            List<Integer> at = new ArrayList<>();
            for (int p = 0; p < leaf.pathNodes.length; p++) {
                if (leaf.pathSlot[p] == slot) {
                    at.add(p);
                }
            }
            nodes[slot] = at.stream().mapToInt(p -> leaf.pathNodes[p]).toArray();
            left[slot] = new boolean[at.size()];
            for (int i = 0; i < at.size(); i++) {
                left[slot][i] = leaf.pathLeft[at.get(i)];
            }
        }
        return new Group(nodes, left, leaf.features, leaf.table);
    }

    /** One condition per key node ("goes left there"): per key, each leaf's entry for the mask that key implies. */
    private static Group subtreeGroup(List<Integer> keyNodes, List<Leaf> leaves) {
        int bits = keyNodes.size();
        int[][] nodes = new int[bits][];
        boolean[][] left = new boolean[bits][];
        for (int b = 0; b < bits; b++) {
            nodes[b] = new int[] {keyNodes.get(b)};
            left[b] = new boolean[] {true};
        }
        List<Integer> features = new ArrayList<>();
        leaves.forEach(leaf -> Arrays.stream(leaf.features).filter(f -> !features.contains(f)).forEach(features::add));
        int width = features.size();
        double[] table = new double[(1 << bits) * width];
        for (int key = 0; key < (1 << bits); key++) {
            for (Leaf leaf : leaves) {
                int d = leaf.features.length;
                int mask = (1 << d) - 1;
                for (int p = 0; p < leaf.pathNodes.length; p++) {
                    boolean goesLeft = (key & (1 << keyNodes.indexOf(leaf.pathNodes[p]))) != 0;
                    if (goesLeft != leaf.pathLeft[p]) {
                        mask &= ~(1 << leaf.pathSlot[p]);
                    }
                }
                for (int k = 0; k < d; k++) {
                    table[key * width + features.indexOf(leaf.features[k])] += leaf.table[mask * d + k];
                }
            }
        }
        return new Group(nodes, left, features.stream().mapToInt(Integer::intValue).toArray(), table);
    }

    /** The sum of the trees' cover-weighted mean leaf values: XGBoost's bias less the base margin. */
    double expectedTrees() {
        return expectedTrees;
    }

    /** The trees' summed leaf values for one row: its margin less the base margin. */
    double treesOutput(float[] data, int offset) {
        double sum = 0;
        for (Tree tree : trees) {
            int node = 0;
            while (tree.leftChild[node] >= 0) {
                node = goesLeft(tree, node, data, offset) ? tree.leftChild[node] : tree.rightChild[node];
            }
            sum += tree.threshold[node]; // a leaf keeps its value in split_conditions
        }
        return sum;
    }

    /**
     * SHAP contributions of {@code rows} rows (row-major, {@code width} columns, NaN missing): per row one value
     * per column, the bias last left 0 for the caller, as predictContrib lays them out. Rows run in parallel.
     */
    double[][] contributions(float[] data, int rows) {
        double[][] out = new double[rows][];
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * BLOCK_ROWS;
            int to = Math.min(rows, from + BLOCK_ROWS);
            double[] phi = block(data, from, to);
            int stride = width + 1;
            for (int r = from; r < to; r++) {
                out[r] = Arrays.copyOfRange(phi, (r - from) * stride, (r - from + 1) * stride);
            }
        });
        return out;
    }

    /** Rows {@code from} to {@code to}, group by group: values row-major, {@code width + 1} per row. */
    private double[] block(float[] data, int from, int to) {
        int n = to - from;
        int stride = width + 1;
        double[] phi = new double[n * stride];
        for (int g = 0; g + 1 < groupFeatureStart.length; g++) {
            int featureFrom = groupFeatureStart[g];
            int groupWidth = groupFeatureStart[g + 1] - featureFrom;
            if (groupWidth == 0) {
                continue;
            }
            int testFrom = groupTestStart[g];
            int testTo = groupTestStart[g + 1];
            int allMet = groupAllMet[g];
            int tableStart = groupTableStart[g];
            for (int r = 0; r < n; r++) {
                int offset = (from + r) * width;
                // without branches (which way a row goes is a coin toss the processor cannot predict): a test
                // the row fails clears its condition's bit
                int key = allMet;
                for (int t = testFrom; t < testTo; t++) {
                    float value = data[offset + testFeature[t]];
                    int goesLeft = (value < testThreshold[t] ? 1 : 0) | ((value != value ? 1 : 0) & testDefaultLeft[t]);
                    key &= ~((goesLeft ^ testWantLeft[t]) << testBit[t]);
                }
                int entry = tableStart + key * groupWidth;
                int rowPhi = r * stride;
                for (int k = 0; k < groupWidth; k++) {
                    phi[rowPhi + groupFeatures[featureFrom + k]] += tables[entry + k];
                }
            }
        }
        return phi;
    }

    private static boolean goesLeft(Tree tree, int node, float[] data, int offset) {
        float value = data[offset + tree.feature[node]];
        return Float.isNaN(value) ? tree.defaultLeft[node] : value < tree.threshold[node];
    }

    private static boolean collect(int node, List<Integer> pathNodes, List<Boolean> pathLeft, int[] left, int[] right,
                                   int[] feature, float[] condition, float[] cover, Leaf[] leaves) {
        if (left[node] < 0) {
            leaves[node] = leaf(condition[node], pathNodes, pathLeft, left, right, feature, cover);
            return leaves[node] != null;
        }
        pathNodes.add(node);
        pathLeft.add(true);
        boolean ok = collect(left[node], pathNodes, pathLeft, left, right, feature, condition, cover, leaves);
        pathLeft.set(pathLeft.size() - 1, false);
        ok = ok && collect(right[node], pathNodes, pathLeft, left, right, feature, condition, cover, leaves);
        pathNodes.remove(pathNodes.size() - 1);
        pathLeft.remove(pathLeft.size() - 1);
        return ok;
    }

    private static Leaf leaf(double value, List<Integer> pathNodes, List<Boolean> pathLeft, int[] left, int[] right,
                             int[] feature, float[] cover) {
        List<Integer> features = new ArrayList<>();
        List<Double> zero = new ArrayList<>();
        int[] slots = new int[pathNodes.size()];
        for (int p = 0; p < pathNodes.size(); p++) {
            int node = pathNodes.get(p);
            int child = pathLeft.get(p) ? left[node] : right[node];
            double share = cover[node] > 0 ? cover[child] / (double) cover[node] : 0;
            int slot = features.indexOf(feature[node]);
            if (slot < 0) {
                slot = features.size();
                features.add(feature[node]);
                zero.add(1.0);
            }
            zero.set(slot, zero.get(slot) * share);
            slots[p] = slot;
        }
        int d = features.size();
        if (d > MAX_PATH_FEATURES) {
            return null;
        }
        double[] table = new double[(1 << d) * d];
        double[] weight = new double[d];
        for (int s = 0; s < d; s++) {
            weight[s] = factorial(s) * factorial(d - s - 1) / factorial(d);
        }
        for (int mask = 0; mask < (1 << d); mask++) {
            for (int k = 0; k < d; k++) {
                int others = mask & ~(1 << k);
                double sum = 0;
                // every subset S of the followed features other than k
                for (int subset = others; ; subset = (subset - 1) & others) {
                    double product = weight[Integer.bitCount(subset)];
                    for (int j = 0; j < d; j++) {
                        if (j != k && (subset & (1 << j)) == 0) {
                            product *= zero.get(j);
                        }
                    }
                    sum += product;
                    if (subset == 0) {
                        break;
                    }
                }
                double follows = (mask & (1 << k)) != 0 ? 1 : 0;
                table[mask * d + k] = value * (follows - zero.get(k)) * sum;
            }
        }
        return new Leaf(pathNodes.stream().mapToInt(Integer::intValue).toArray(), toArray(pathLeft), slots,
                features.stream().mapToInt(Integer::intValue).toArray(), table);
    }

    private static double expectedValue(int node, int[] left, int[] right, float[] condition, float[] cover) {
        if (left[node] < 0) {
            return condition[node];
        }
        double total = cover[node];
        if (total <= 0) {
            return 0;
        }
        return (cover[left[node]] * expectedValue(left[node], left, right, condition, cover)
                + cover[right[node]] * expectedValue(right[node], left, right, condition, cover)) / total;
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] array = new boolean[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }
}
