// Route contracts: filled in as the routes land.
export {};
