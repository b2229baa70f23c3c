//! Made-up people for demonstrations and measurements, never real data: the demo accounts with
//! their published log-ins (`seed`), the invented names, addresses and pictures they are made
//! of (`fake`), bulk job seekers and vacancies for load tests (`generate`, over the country's regions and
//! gemeenten of `national` if asked), the benchmark that
//! runs the employer's filter over them through HTTP (`bench`), the load test (`load`) and
//! the keywords both type (`words`).

pub mod bench;
pub mod fake;
pub mod generate;
pub mod http;
pub mod load;
pub mod national;
pub mod seed;
pub mod words;
