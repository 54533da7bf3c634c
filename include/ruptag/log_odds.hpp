#pragma once

namespace ruptag {

/// How much more a feature (a word, a phrase) belongs to one group of texts than to
/// another: the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
/// Colaresi & Quinn (2008), "Fightin' Words", section 3.5. Positive when the feature is
/// more frequent in group i, negative when in group j.
struct LogOdds {
  double delta = 0;     ///< the log-odds ratio, smoothed by the prior
  double variance = 0;  ///< its approximate variance
  double z = 0;         ///< delta / sqrt(variance)
};

/// The statistic of one feature counted `y_i` times in group i (whose features' counts
/// sum to `n`) and `y_j` times in group j (summing to `m`), with prior count `a_w` for
/// the feature and `a0` for all features together:
///   delta = log((y_i + a_w) / (n + a0 - y_i - a_w)) - log((y_j + a_w) / (m + a0 - y_j - a_w))
///   variance = 1 / (y_i + a_w) + 1 / (y_j + a_w),  z = delta / sqrt(variance).
/// Never NaN: when a logarithm's argument is not positive (y_i + a_w or y_j + a_w is 0,
/// or a count exceeds its total) nothing can be said, and all three are 0.
LogOdds weighted_log_odds(double y_i, double n, double y_j, double m, double a_w, double a0);

/// Two groups that share their features (group i against the rest of one corpus), for
/// informative_log_odds().
struct LogOddsCorpus {
  double in_total = 0;     ///< n: the sum of every feature's count in group i
  double out_total = 0;    ///< m: the same in group j
  double prior_scale = 1;  ///< how many prior counts per count of the corpus (> 0)
};

/// weighted_log_odds() with the informative prior taken from the two groups together,
/// scaled: a_w = prior_scale × (in + out), the feature's count in the whole corpus, and
/// a0 = prior_scale × (n + m). With the default scale 1 the prior weighs as much as the
/// corpus itself: a feature seen in a few texts of group i only is shrunk towards its
/// corpus rate, and one that is frequent everywhere gets a delta near 0. All three are 0
/// for a feature counted in neither group.
LogOdds informative_log_odds(double in, double out, const LogOddsCorpus& corpus);

}  // namespace ruptag
