"""The instructor registry and the certification system.

reference      Level, PathwayStage, Rubric, RubricCriterion (shipped data, translated)
profiles       Instructor, InstructorLanguage, AvailabilityPeriod
pathway        Candidacy, StageCompletion, Observation, ObservationScore
certifications Certification, CertificationEvent, CertificationReminder
assignments    Assignment (what later scheduling books, through services.assign_instructor)
"""

from cadre.instructors.models.assignments import Assignment
from cadre.instructors.models.certifications import Certification, CertificationEvent, CertificationReminder
from cadre.instructors.models.pathway import Candidacy, Observation, ObservationScore, StageCompletion
from cadre.instructors.models.profiles import AvailabilityPeriod, Instructor, InstructorLanguage
from cadre.instructors.models.reference import Level, PathwayStage, Rubric, RubricCriterion

__all__ = [
    "Assignment",
    "AvailabilityPeriod",
    "Candidacy",
    "Certification",
    "CertificationEvent",
    "CertificationReminder",
    "Instructor",
    "InstructorLanguage",
    "Level",
    "Observation",
    "ObservationScore",
    "PathwayStage",
    "Rubric",
    "RubricCriterion",
    "StageCompletion",
]
