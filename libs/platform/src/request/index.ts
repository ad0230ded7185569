// What a request says about itself (route pattern, client address): plain node:http, below config, logging, metrics and http.
export * from './client-address';
export * from './route-pattern';
