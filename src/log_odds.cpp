#include "ruptag/log_odds.hpp"

#include <cmath>

namespace ruptag {

LogOdds weighted_log_odds(double y_i, double n, double y_j, double m, double a_w, double a0) {
  const double in = y_i + a_w;
  const double out = y_j + a_w;
  const double in_rest = n + a0 - in;
  const double out_rest = m + a0 - out;
  if (!(in > 0 && out > 0 && in_rest > 0 && out_rest > 0)) return {};
  LogOdds r;
  r.delta = std::log(in / in_rest) - std::log(out / out_rest);
  r.variance = 1 / in + 1 / out;
  r.z = r.delta / std::sqrt(r.variance);
  return r;
}

LogOdds informative_log_odds(double in, double out, const LogOddsCorpus& corpus) {
  const double a_w = corpus.prior_scale * (in + out);
  const double a0 = corpus.prior_scale * (corpus.in_total + corpus.out_total);
  return weighted_log_odds(in, corpus.in_total, out, corpus.out_total, a_w, a0);
}

}  // namespace ruptag
