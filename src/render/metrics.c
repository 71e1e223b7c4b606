/* metrics.c - the sizes of the computation graph in one table, in em units (1 em = the
 * size of a node's value): fonts, row heights, paddings, gaps, line widths, arrowheads
 * and corner radii. layout.c sizes and places with them and draw_graph.c draws with
 * them; the graph is then scaled as a whole into its panel. No pixel sizes here. */
#include "render-private.h"

const struct graph_metrics graph_metrics = {
	.head = 0.9, .tag = 0.62, .grad = 1, .grad_name = 0.8, .local = 0.8,
	.row_head = 1.2, .row_value = 1.35, .row_grad = 1.35, .row_gname = 1.0, .base_gname = 0.8,
	.base_head = 0.78, .base_value = 0.78, .base_grad = 0.74, .base_local = 0.36,
	.pad_x = 0.55, .pad_y = 0.35, .tag_gap = 0.4,
	.node_gap = 0.9, .slot_gap = 0.35, .col_gap = 0.5, .min_lane = 2.2, .bare_lane = 1.2, .straight_lane = 0.7,
	.stack_lane = 0.4, .bend_h = 0.45,
	.band_gap = 1.0, .wrap_out = 0.7, .band_gap_one = 0.6, .wrap_lane = 0.2,
	.local_h = 1.55, .local_pad = 0.5, .port_span = 0.6, .port_step = 0.4,
	.max_sym = 16, .max_sym_compact = 10, .split_at = 28, .split_at_compact = 14,
	.split_at_stacked = 10, .local_stacked = 0.88,
	.radius = {0.06, 0.5, 0.0, 0.22},
	.edge_line = 0.045, .edge_line_hot = 0.085, .arrow = 0.28, .arrow_hot = 0.36,
	.arrow_aspect = 0.5, .pulse_halo = 0.32, .pulse_dot = 0.17, .pulse_alpha = 0.35,
	.outline = 0.055, .outline_hot = 0.11, .glow = 0.12, .glow_alpha = 0.28,
	.visit_halo = 0.4, .nudged_ring = 0.2, .nudged_line = 0.16,
	.dash = {1.6, 0.3}, .dash_alpha = 0.5, .cost_inset = 0.1, .cost_line = 0.035,
	.local_line = 0.035, .local_alpha = 0.7,
	.hit_pad = 0.1, .hit_value_up = 0.85, .hit_value_h = 1.1, .hit_grad_up = 0.7,
	.hit_grad_h = 0.95,
	.legend = 16, .legend_swatch = 1.5, .legend_gap = 0.5, .legend_space = 1.3,
	.legend_box = 0.9, .legend_bar = 0.22, .legend_line = 0.08, .legend_rows = 2.2,
	.unit_gap = 0.6, .unit_value_h = 1.25, .unit_grad_h = 1.15, .unit_sep = 0.6, .weight_sep = 0.2, .weight = 0.95, .weight_h = 1.15,
};
