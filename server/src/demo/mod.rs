//! Made-up people for demonstrations and measurements, never real data: the demo accounts with
//! their published log-ins (`seed`), the invented names, addresses and pictures they are made
//! of (`fake`), bulk job seekers and vacancies for load tests (`generate`), and the benchmark
//! that runs the employer's filter over them (`bench`).

pub mod bench;
pub mod fake;
pub mod generate;
pub mod seed;
