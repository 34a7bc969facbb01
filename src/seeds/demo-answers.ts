// What the demo citizen answered on each demo service's form, step by step (the documents step is filled
// with stored blank PDFs by the seed). Dates are relative to the day the seed runs, so the forms' date
// limits (a tenancy that started within the last year, say) hold whenever a new machine loads them.

export type DemoService = 'domicile-certificate' | 'tenant-registration' | 'business-registration';

interface DemoAnswers {
  readonly steps: Record<string, Record<string, string>>;
  /** The file fields of the `documents` step. */
  readonly documents: readonly string[];
}

function daysFromToday(days: number): string {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' }).format(date); // YYYY-MM-DD
}

export const DEMO_ANSWERS: Record<DemoService, DemoAnswers> = {
  'domicile-certificate': {
    steps: {
      applicant: {
        applicantCnic: '54400-1234567-1',
        fullName: 'Demo Citizen',
        fatherName: 'Demo Father',
        dateOfBirth: '1995-08-14',
        gender: 'female',
        mobile: '0300 1234567',
        purpose: 'education',
      },
      residence: {
        district: 'QTA',
        tehsil: 'Quetta City',
        permanentAddress: 'House 7, Jinnah Road, Quetta',
        yearsResident: '30',
        residenceBasis: 'born-here',
        otherDomicile: 'no',
      },
    },
    documents: ['cnicCopy', 'fatherCnicCopy', 'residenceProof', 'photo'],
  },
  'tenant-registration': {
    steps: {
      owner: { ownerCnic: '54400-1234567-1', ownerName: 'Demo Citizen', ownerMobile: '0300 1234567' },
      property: {
        district: 'QTA',
        policeStation: 'Civil Lines',
        propertyType: 'flat',
        propertyAddress: 'Flat 3, Zarghoon Road, Quetta',
        tenancyStart: daysFromToday(-20),
        monthlyRent: '35000',
      },
      tenant: {
        tenantCnic: '54401-7654321-9',
        tenantName: 'Naveed Baloch',
        tenantFatherName: 'Abdul Ghani',
        tenantMobile: '0333 7654321',
        tenantPermanentAddress: 'Main Bazaar, Turbat, Kech',
        occupants: '4',
      },
    },
    documents: ['tenantCnicCopy', 'tenantPhoto', 'ownerCnicCopy'],
  },
  'business-registration': {
    steps: {
      business: {
        businessName: 'Chiltan Dry Fruit Traders',
        businessType: 'sole-proprietorship',
        sector: 'trading',
        startDate: daysFromToday(-90),
        district: 'QTA',
        businessAddress: 'Shop 12, Liaquat Bazaar, Quetta',
        capital: '500000',
        employees: '3',
      },
      owners: { ownerCnic: '54400-1234567-1', ownerName: 'Demo Citizen', mobile: '0300 1234567' },
    },
    documents: ['cnicCopy', 'premisesProof'],
  },
};
