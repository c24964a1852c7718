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
 * tabulated once, per such subset, at load; an account then costs one pass down each tree's splits and one table
 * lookup per leaf (the precomputation of "Fast TreeSHAP v2", Yang 2021). The tables follow from the leaf's
 * value v and, per path feature j, the share z_j of the training cover that goes the path's way at j's splits:
 * <pre>phi_i = v x (o_i - z_i) x sum over S in (followed features except i) of |S|! (d-|S|-1)! / d! x product of z_j over the path features in neither S nor {i}</pre>
 * with o_i 1 when the account follows feature i and d the number of distinct features on the path. A model with a
 * path of more than {@value #MAX_PATH_FEATURES} distinct features (deep trees) would need tables too large:
 * {@link #of} declines it and XGBoost computes the values. Tests check the values against predictContrib.
 */
final class TreeShap {

    static final int MAX_PATH_FEATURES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tree: its splits, and per leaf the path (node, direction, feature slot) and the table. */
    private record Tree(int[] feature, float[] threshold, boolean[] defaultLeft, int[] leftChild, int[] rightChild,
                        int[] internalNodes, Leaf[] leaves) {
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

    /** Rows explained together: each leaf's table is then read once per block, and the rows' sums do not wait on each other. */
    private static final int BLOCK_ROWS = 128;

    private final Tree[] trees;
    private final int width;
    private final double expectedTrees;
    // the leaves of all trees flattened, for the inner loop: per leaf its path (node, direction, slot bit), its
    // distinct features and its table; per tree its internal nodes and its leaves
    private final int[] treeLeafStart;
    private final int[] leafPathStart;
    private final int[] pathNode;
    private final boolean[] pathLeft;
    private final int[] pathClear;
    private final int[] leafFeatureStart;
    private final int[] leafFeatures;
    private final int[] leafTableStart;
    private final double[] tables;
    private final int maxNodes;

    private TreeShap(Tree[] trees, int width, int maxNodes, double expectedTrees) {
        this.trees = trees;
        this.width = width;
        this.maxNodes = maxNodes;
        this.expectedTrees = expectedTrees;
        int leaves = 0;
        int path = 0;
        int features = 0;
        int table = 0;
        for (Tree tree : trees) {
            for (Leaf leaf : tree.leaves) {
                leaves++;
                path += leaf.pathNodes.length;
                features += leaf.features.length;
                table += leaf.table.length;
            }
        }
        treeLeafStart = new int[trees.length + 1];
        leafPathStart = new int[leaves + 1];
        pathNode = new int[path];
        pathLeft = new boolean[path];
        pathClear = new int[path];
        leafFeatureStart = new int[leaves + 1];
        leafFeatures = new int[features];
        leafTableStart = new int[leaves];
        tables = new double[table];
        int l = 0;
        path = 0;
        features = 0;
        table = 0;
        for (int t = 0; t < trees.length; t++) {
            treeLeafStart[t] = l;
            for (Leaf leaf : trees[t].leaves) {
                leafPathStart[l] = path;
                for (int p = 0; p < leaf.pathNodes.length; p++, path++) {
                    pathNode[path] = leaf.pathNodes[p];
                    pathLeft[path] = leaf.pathLeft[p];
                    pathClear[path] = ~(1 << leaf.pathSlot[p]);
                }
                leafFeatureStart[l] = features;
                System.arraycopy(leaf.features, 0, leafFeatures, features, leaf.features.length);
                features += leaf.features.length;
                leafTableStart[l] = table;
                System.arraycopy(leaf.table, 0, tables, table, leaf.table.length);
                table += leaf.table.length;
                l++;
            }
        }
        treeLeafStart[trees.length] = l;
        leafPathStart[l] = path;
        leafFeatureStart[l] = features;
    }

    /**
     * The first {@code rounds} trees of a booster saved as XGBoost's JSON model ({@code toByteArray("json")}), or
     * empty when the trees are too deep for tables or the model is not a single-output tree ensemble.
     */
    static Optional<TreeShap> of(byte[] jsonModel, int rounds, int width) {
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
        Tree[] trees = new Tree[rounds];
        int maxNodes = 0;
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
            List<Leaf> leaves = new ArrayList<>();
            if (!collect(0, new ArrayList<>(), new ArrayList<>(), left, right, feature, condition, cover, leaves)) {
                return Optional.empty();
            }
            int[] internal = IntStream.range(0, left.length).filter(n -> left[n] >= 0).toArray();
            trees[t] = new Tree(feature, condition, defaultLeft, left, right, internal, leaves.toArray(Leaf[]::new));
            maxNodes = Math.max(maxNodes, left.length);
            expected += expectedValue(0, left, right, condition, cover);
        }
        return Optional.of(new TreeShap(trees, width, maxNodes, expected));
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

    /** Rows {@code from} to {@code to}, tree by tree, leaf by leaf: values row-major, {@code width + 1} per row. */
    private double[] block(float[] data, int from, int to) {
        int n = to - from;
        int stride = width + 1;
        double[] phi = new double[n * stride];
        boolean[] left = new boolean[n * maxNodes]; // per row, the direction it takes at each node of the tree
        for (int t = 0; t < trees.length; t++) {
            Tree tree = trees[t];
            for (int r = 0; r < n; r++) {
                int offset = (from + r) * width;
                for (int node : tree.internalNodes) {
                    left[r * maxNodes + node] = goesLeft(tree, node, data, offset);
                }
            }
            for (int l = treeLeafStart[t]; l < treeLeafStart[t + 1]; l++) {
                int pathFrom = leafPathStart[l];
                int pathTo = leafPathStart[l + 1];
                int featureFrom = leafFeatureStart[l];
                int d = leafFeatureStart[l + 1] - featureFrom;
                if (d == 0) {
                    continue;
                }
                int tableStart = leafTableStart[l];
                for (int r = 0; r < n; r++) {
                    int mask = (1 << d) - 1;
                    int rowNodes = r * maxNodes;
                    for (int p = pathFrom; p < pathTo; p++) {
                        if (left[rowNodes + pathNode[p]] != pathLeft[p]) {
                            mask &= pathClear[p];
                        }
                    }
                    int entry = tableStart + mask * d;
                    int rowPhi = r * stride;
                    for (int k = 0; k < d; k++) {
                        phi[rowPhi + leafFeatures[featureFrom + k]] += tables[entry + k];
                    }
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
                                   int[] feature, float[] condition, float[] cover, List<Leaf> leaves) {
        if (left[node] < 0) {
            Leaf leaf = leaf(condition[node], pathNodes, pathLeft, left, right, feature, cover);
            if (leaf == null) {
                return false;
            }
            leaves.add(leaf);
            return true;
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
