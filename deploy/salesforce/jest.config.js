// sfdx-lwc-jest's preset; the LWC base components and @salesforce modules come from its stubs.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver']
};
