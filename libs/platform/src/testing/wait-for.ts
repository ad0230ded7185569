/** Tests import the bounded wait from here; it lives in runtime/ because npm start (hosts/all-in-one) uses it too. */
export { waitFor } from '../runtime/wait-for';
