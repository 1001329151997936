//! A head start on the page's first run. On a first visit the page asks for the default
//! scenario's report with the built-in prices, but only once its module is compiled, the app
//! mounted and the scenario validated, a few hundred milliseconds after the simulation worker
//! could have begun. Told by the page that it opens the default scenario, the worker begins
//! that run at once, computes up to its preliminary report and keeps the news; the request for
//! the same run (same scenario, same prices, so the same numbers) takes it over, news and all,
//! and any other request drops it.

use crate::runner::{Job, Request, Task, Update};
use crate::scenario::{builtin_prices, Scenario};

/// The run begun before it was asked for, and its news so far.
#[derive(Debug, Clone)]
pub struct HeadStart {
    request: Request,
    job: Job,
    news: Vec<Update>,
}

impl HeadStart {
    /// The report run of the default scenario with the built-in prices, on one worker (a
    /// first run is its worker's alone: see [`crate::pool::ALONE_SECONDS`]).
    pub fn default_run() -> Option<HeadStart> {
        // Validated once, against the built-in prices the request names: the job is the one
        // the request would make.
        let valid = Scenario::default().validate(builtin_prices()).ok()?;
        let request = Request::new(0, Task::Report, &valid, builtin_prices());
        let job = Job::new(0, Task::Report, valid);
        Some(HeadStart {
            request,
            job,
            news: Vec::new(),
        })
    }

    /// Carries out the next step unless the preliminary report (or the whole report) is in;
    /// whether there was one. `clock` reads a clock in milliseconds, as [`Job::step`]'s.
    pub fn step(&mut self, clock: &dyn Fn() -> f64) -> bool {
        let reported = self
            .news
            .iter()
            .any(|u| matches!(u, Update::Preliminary { .. } | Update::Finished { .. }));
        if reported || self.job.is_done() {
            return false;
        }
        self.news.extend(self.job.step(clock));
        true
    }

    /// The run and its news so far as the run of `request`, when `request` asks for this run
    /// on one worker (`workers` in all); otherwise `None`.
    pub fn claim(self, request: &Request, workers: u32) -> Option<(Job, Vec<Update>)> {
        let same = workers == 1
            && request.task == self.request.task
            && request.scenario == self.request.scenario
            && request.prices == self.request.prices;
        same.then(|| {
            let generation = request.generation;
            let news = self.news.into_iter();
            (
                self.job.of_generation(generation),
                news.map(|u| u.of_generation(generation)).collect(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::{FromWorker, Prices, ToWorker};
    use crate::session::Session;

    /// Every update of `job` from now to its end.
    fn to_end(mut job: Job) -> Vec<Update> {
        let mut news = Vec::new();
        while !job.is_done() {
            news.extend(job.step(&|| 0.0));
        }
        news
    }

    /// The reports among `news`, as the page reads them.
    fn reports(news: &[Update]) -> Vec<Vec<u8>> {
        news.iter()
            .filter(|u| !matches!(u, Update::Progress { .. }))
            .map(|u| FromWorker::Update(u.clone()).to_bytes())
            .collect()
    }

    /// The page's first request on a first visit, as the worker reads it.
    fn first_request(generation: u64) -> Request {
        let session = Session::new(Scenario::default());
        let run = session.run.pending.clone().expect("a first run");
        let mut request = Request::new(
            run.generation,
            run.task,
            &run.valid,
            &session.prices.catalogue,
        );
        request.generation = generation;
        match ToWorker::from_bytes(&ToWorker::Start(Box::new(request)).to_bytes()).unwrap() {
            ToWorker::Start(request) => *request,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_page_s_first_request_takes_over_the_run_with_the_same_news_as_its_own() {
        let mut head = HeadStart::default_run().unwrap();
        let mut steps = 0;
        while head.step(&|| 0.0) {
            steps += 1;
        }
        assert!(steps >= 1, "the head start stops at its preliminary report");
        let request = first_request(7);
        let (job, mut news) = head.claim(&request, 1).expect("the same run");
        assert_eq!(job.generation(), 7);
        assert!(news.iter().all(|u| u.generation() == 7));
        assert!(news.iter().any(|u| matches!(u, Update::Preliminary { .. })));
        news.extend(to_end(job));
        let own = to_end(request.job().unwrap());
        assert_eq!(reports(&news), reports(&own));
    }

    #[test]
    fn another_run_or_a_pool_does_not_take_it_over() {
        let head = HeadStart::default_run().unwrap();
        let request = first_request(3);
        assert!(head.clone().claim(&request, 2).is_none());
        let mut other = request.clone();
        other.scenario.uncertainty.seed += 1;
        assert!(head.clone().claim(&other, 1).is_none());
        let mut sensitivity = request.clone();
        sensitivity.task = Task::Sensitivity(0);
        assert!(head.clone().claim(&sensitivity, 1).is_none());
        let mut priced = request;
        priced.prices = Prices::Table(builtin_prices().subset(["gpt-5.4"]).to_json());
        assert!(head.claim(&priced, 1).is_none());
    }
}
