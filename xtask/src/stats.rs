//! The statistics of a bench figure over its runs: median, minimum, maximum and spread. Pure
//! functions over `f64` samples; a missing sample (a run that did not give the figure) is
//! `None`, and NaN or an infinity counts as missing too.

/// Why a figure has no summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsError {
    /// No run gave a finite value.
    NoSamples,
}

/// A figure over its runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    /// How many runs gave a finite value.
    pub count: usize,
}

impl Summary {
    /// Summarises the finite values among `samples` (`None`, NaN and infinities are left out).
    pub fn of(samples: &[Option<f64>]) -> Result<Self, StatsError> {
        let mut values = finite(samples);
        values.sort_by(f64::total_cmp);
        let (Some(&min), Some(&max)) = (values.first(), values.last()) else {
            return Err(StatsError::NoSamples);
        };
        Ok(Self {
            median: median_of_sorted(&values),
            min,
            max,
            count: values.len(),
        })
    }

    /// `max - min`.
    pub fn range(&self) -> f64 {
        self.max - self.min
    }

    /// `(max - min) / |median|`; `None` when the median is 0 (the spread has no scale then).
    pub fn relative_spread(&self) -> Option<f64> {
        (self.median != 0.0).then(|| self.range() / self.median.abs())
    }
}

/// The finite values among `samples`, in order.
fn finite(samples: &[Option<f64>]) -> Vec<f64> {
    samples
        .iter()
        .flatten()
        .copied()
        .filter(|x| x.is_finite())
        .collect()
}

/// The median of sorted, non-empty `values`: the middle one, or the mean of the two middle ones.
fn median_of_sorted(values: &[f64]) -> f64 {
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(xs: &[f64]) -> Vec<Option<f64>> {
        xs.iter().copied().map(Some).collect()
    }

    #[test]
    fn odd_count_takes_the_middle_value() {
        let s = Summary::of(&some(&[5.0, 1.0, 3.0, 9.0, 2.0])).expect("samples");
        assert_eq!(
            s,
            Summary {
                median: 3.0,
                min: 1.0,
                max: 9.0,
                count: 5
            }
        );
        assert_eq!(s.range(), 8.0);
        assert_eq!(s.relative_spread(), Some(8.0 / 3.0));
    }

    #[test]
    fn even_count_takes_the_mean_of_the_middle_two() {
        let s = Summary::of(&some(&[4.0, 1.0, 3.0, 2.0])).expect("samples");
        assert_eq!((s.median, s.min, s.max, s.count), (2.5, 1.0, 4.0, 4));
    }

    #[test]
    fn one_sample_has_no_spread() {
        let s = Summary::of(&some(&[7.5])).expect("sample");
        assert_eq!((s.median, s.min, s.max, s.count), (7.5, 7.5, 7.5, 1));
        assert_eq!(s.relative_spread(), Some(0.0));
    }

    #[test]
    fn no_sample_is_an_error() {
        assert_eq!(Summary::of(&[]), Err(StatsError::NoSamples));
        assert_eq!(Summary::of(&[None, None]), Err(StatsError::NoSamples));
        assert_eq!(
            Summary::of(&some(&[f64::NAN, f64::INFINITY])),
            Err(StatsError::NoSamples)
        );
    }

    #[test]
    fn missing_and_nan_samples_are_left_out() {
        let s =
            Summary::of(&[Some(2.0), None, Some(f64::NAN), Some(4.0), Some(3.0)]).expect("samples");
        assert_eq!((s.median, s.min, s.max, s.count), (3.0, 2.0, 4.0, 3));
    }

    #[test]
    fn a_zero_median_has_no_relative_spread() {
        let s = Summary::of(&some(&[-1.0, 0.0, 1.0])).expect("samples");
        assert_eq!(s.median, 0.0);
        assert_eq!(s.relative_spread(), None);
        let negative = Summary::of(&some(&[-4.0, -2.0])).expect("samples");
        assert_eq!(negative.relative_spread(), Some(2.0 / 3.0));
    }
}
